package io.latchkey.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A real object behind an interface, with a look at every call on its way: for tests that count statements,
 * commits or units of work of the real thing rather than of a stand-in. The target's own exceptions come out as
 * they are, not wrapped.
 */
public final class ForwardingProxy {
    private ForwardingProxy() {
    }

    /** One call to the proxy: what it calls, with which arguments, and the call to the target itself. */
    @FunctionalInterface
    public interface Around {
        /** Answers the call, usually with {@code target.proceed()} (once), noted or wrapped. */
        Object call(Method method, Object[] arguments, Target target) throws Throwable;
    }

    /** The call to the real object. */
    @FunctionalInterface
    public interface Target {
        Object proceed() throws Throwable;
    }

    /** {@code target} as {@code type}, every call going through {@code around}. */
    public static <T> T of(Class<T> type, T target, Around around) {
        return type.cast(Proxy.newProxyInstance(ForwardingProxy.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> around.call(method, arguments, () -> {
                    try {
                        return method.invoke(target, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                })));
    }
}

package io.latchkey.web;

import java.util.Set;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/** What every page template may use besides its model: {@code #times}, the one way to show an instant. */
final class PageDialect extends AbstractDialect implements IExpressionObjectDialect {
    static final String TIMES = "times";

    private final ReadableTimes times;

    PageDialect(ReadableTimes times) {
        super("latchkey");
        this.times = times;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(TIMES);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return TIMES.equals(expressionObjectName) ? times : null;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }
}

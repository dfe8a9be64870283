package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded, seeded fuzz of every endpoint (DESIGN §2): valid-looking requests (a signed-in browser with its
 * CSRF value, pending login and consent interactions, a client's credentials, live tokens) mutated one to
 * three ways each (parameters missing, repeated, huge, with bad percent escapes, NUL and control characters,
 * bytes that are not UTF-8, overflowing numbers; content types and charsets; Authorization, Host, Origin,
 * Cookie and Accept headers; methods; bodies empty, cut short, chunked with bad chunk headers), plus raw
 * garbage a container has to refuse. Sent over plain sockets, so nothing is cleaned up on the way.
 * <p>
 * Fails on any 5xx (except what an RFC prescribes for the request: 501 for an unknown transfer coding, RFC 9112
 * §6.1, or a method the server does not implement, RFC 9110 §9.1; 505 for an unsupported HTTP version, RFC 9110
 * §15.6.6), any answer with a Java stack frame or a server
 * version, an answer missing where the request was well-formed HTTP, and any error line the server logged
 * meanwhile. Request {@code i} depends only on the seed and {@code i}: rerun a failure with
 * {@code -Dfuzz.seed=... -Dfuzz.requests=...}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FuzzIT {
    private static final long SEED = Long.getLong("fuzz.seed", 20261206L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3000);
    private static final int THREADS = 4;
    private static final String HOST = RawHttp.HOST + ":" + RawHttp.PORT;
    private static final Pattern JSON_STRING = Pattern.compile("\"(access_token|refresh_token|id_token)\"\\s*:\\s*\"([^\"]+)\"");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    // ------------------------------------------------------------------ the state that makes requests valid

    /** What a real client and a real signed-in person hold; the seeds are built from it. */
    record World(String cookies, String csrf, String loginInteraction, String consentInteraction,
                 String logoutCookies, String logoutCsrf, String code, String codeVerifier, String refreshToken,
                 String accessToken, String idToken, String serviceToken, Map<String, String> authorize) {

        static World prepare() {
            // bob signs in to the web application (a session, a consented grant, tokens).
            CookieBrowser browser = new CookieBrowser();
            Authorization first = Authorization.web();
            String code = CookieBrowser.code(browser.signIn(first, Authorization.BOB, Authorization.BOB_PASSWORD), first);
            Map<String, String> tokens = exchange(code, first);
            // A second grant whose code stays unused by the setup (the fuzz replays it) and whose access token
            // is only ever sent as a bearer token, so that code replays do not revoke it.
            Authorization second = Authorization.web();
            String secondCode = CookieBrowser.code(browser.signIn(second, Authorization.BOB, Authorization.BOB_PASSWORD), second);
            Map<String, String> bearer = exchange(secondCode, second);
            Authorization unused = Authorization.web();
            String unusedCode = CookieBrowser.code(browser.signIn(unused, Authorization.BOB, Authorization.BOB_PASSWORD), unused);

            // A pending login (prompt=login) and a pending consent (prompt=consent) of the same browser.
            HttpResponse<String> login = browser.get(CookieBrowser.seeOther(
                    browser.authorize(Authorization.web().set("prompt", "login"))));
            CookieBrowser.Form loginForm = CookieBrowser.form(login);
            HttpResponse<String> consent = browser.get(CookieBrowser.seeOther(
                    browser.authorize(Authorization.web().set("prompt", "consent"))));
            CookieBrowser.Form consentForm = CookieBrowser.form(consent);

            // A second browser, signed in too, whose session the logout requests may end.
            CookieBrowser leaving = new CookieBrowser();
            Authorization third = Authorization.web();
            leaving.signIn(third, Authorization.BOB, Authorization.BOB_PASSWORD);
            HttpResponse<String> logoutPage = leaving.get(Server.ISSUER + "/oauth/logout");
            String logoutCsrf = logoutPage.statusCode() == 200 && logoutPage.body().contains("name=\"csrf\"")
                    ? CookieBrowser.form(logoutPage).fields().getOrDefault("csrf", "") : loginForm.field("csrf");

            HttpResponse<String> service = Server.token(Server.SERVICE_ID, Server.SERVICE_SECRET,
                    "grant_type=client_credentials");
            String serviceToken = remember(service.body()).getOrDefault("access_token", "");

            Map<String, String> authorize = new LinkedHashMap<>(Authorization.web().parameters());
            return new World(cookies(browser), loginForm.field("csrf"), loginForm.field("interaction"),
                    consentForm.field("interaction"), cookies(leaving), logoutCsrf, unusedCode,
                    unused.verifier().getValue(), tokens.getOrDefault("refresh_token", ""),
                    bearer.getOrDefault("access_token", ""), bearer.getOrDefault("id_token", ""), serviceToken,
                    authorize);
        }

        private static Map<String, String> exchange(String code, Authorization request) {
            HttpResponse<String> response = Server.send(HttpRequest.newBuilder(Server.uri("/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", Server.basic(Server.WEB_ID, Server.WEB_SECRET))
                    .POST(HttpRequest.BodyPublishers.ofString(Server.form(Map.of("grant_type", "authorization_code",
                            "code", code, "redirect_uri", request.redirectUri(),
                            "code_verifier", request.verifier().getValue())))).build());
            assertEquals(200, response.statusCode(), response::body);
            return remember(response.body());
        }

        private static Map<String, String> remember(String json) {
            Map<String, String> values = new TreeMap<>();
            Matcher m = JSON_STRING.matcher(json);
            while (m.find()) {
                values.put(m.group(1), IssuedSecrets.remember(m.group(2)));
            }
            return values;
        }

        private static String cookies(CookieBrowser browser) {
            List<String> pairs = new ArrayList<>();
            browser.cookie(CookieBrowser.BROWSER_COOKIE).ifPresent(v -> pairs.add(CookieBrowser.BROWSER_COOKIE + "=" + v));
            browser.cookie(CookieBrowser.SESSION_COOKIE).ifPresent(v -> pairs.add(CookieBrowser.SESSION_COOKIE + "=" + v));
            return String.join("; ", pairs);
        }
    }

    // ------------------------------------------------------------------ requests

    enum Framing { LENGTH, NONE, EMPTY, CHUNKED, CHUNKED_BAD_HEADER, CHUNKED_TRUNCATED, TRUNCATED }

    /** One request in wire form (ISO-8859-1 text: one char per byte), open to mutation. */
    static final class Request {
        String method;
        String path;
        String version = "HTTP/1.1";
        final List<String[]> query = new ArrayList<>();
        final List<String[]> headers = new ArrayList<>();
        List<String[]> form;
        Framing framing = Framing.LENGTH;
        String raw;
        /** The container may close the connection without an answer (the request is not valid HTTP). */
        boolean mayClose;
        /** Close the sending half once the request is out, so the server sees where the bytes end. */
        boolean halfClose;
        /** 5xx statuses an RFC prescribes for this request. */
        final List<Integer> allowed5xx = new ArrayList<>();
        final List<String> mutations = new ArrayList<>();

        Request(String method, String path) {
            this.method = method;
            this.path = path;
            headers.add(new String[] {"Host", HOST});
        }

        Request header(String name, String value) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
            if (value != null) {
                headers.add(new String[] {name, value});
            }
            return this;
        }

        Request query(String name, String value) {
            query.add(new String[] {enc(name), enc(value)});
            return this;
        }

        Request form(String name, String value) {
            if (form == null) {
                form = new ArrayList<>();
            }
            form.add(new String[] {enc(name), enc(value)});
            return this;
        }

        Request formContentType() {
            return header("Content-Type", "application/x-www-form-urlencoded");
        }

        /** Parameters a mutation may touch: the form's when there is one, else the query's. */
        List<String[]> parameters(Random random) {
            if (form != null && (query.isEmpty() || random.nextInt(4) > 0)) {
                return form;
            }
            return query;
        }

        byte[] bytes() {
            if (raw != null) {
                return raw.getBytes(StandardCharsets.ISO_8859_1);
            }
            // Never a password check: failed sign-ins from 127.0.0.1 would throttle every other test's sign-in.
            for (List<String[]> parameters : List.of(query, form == null ? List.<String[]>of() : form)) {
                for (String[] p : parameters) {
                    if (p[0].toLowerCase(Locale.ROOT).contains("password")) {
                        p[1] = "";
                    }
                }
            }
            StringBuilder out = new StringBuilder();
            out.append(method).append(' ').append(RawHttp.CONTEXT).append(path);
            if (!query.isEmpty()) {
                out.append('?').append(join(query));
            }
            out.append(' ').append(version).append("\r\n");
            for (String[] h : headers) {
                out.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            String body = form == null ? "" : join(form);
            switch (framing) {
                case LENGTH -> {
                    if (form != null) {
                        out.append("Content-Length: ").append(body.length()).append("\r\n");
                    }
                }
                case EMPTY -> out.append("Content-Length: 0\r\n");
                case TRUNCATED -> out.append("Content-Length: ").append(body.length() + 100).append("\r\n");
                case CHUNKED, CHUNKED_BAD_HEADER, CHUNKED_TRUNCATED -> out.append("Transfer-Encoding: chunked\r\n");
                case NONE -> { }
            }
            out.append("Connection: close\r\n\r\n");
            switch (framing) {
                case LENGTH, TRUNCATED -> out.append(body);
                case CHUNKED -> {
                    int half = body.length() / 2;
                    if (half > 0) {
                        out.append(Integer.toHexString(half)).append("\r\n").append(body, 0, half).append("\r\n");
                    }
                    if (body.length() > half) {
                        out.append(Integer.toHexString(body.length() - half)).append(";ext=1\r\n")
                                .append(body, half, body.length()).append("\r\n");
                    }
                    out.append("0\r\n\r\n");
                }
                case CHUNKED_BAD_HEADER -> out.append("zz").append("\r\n").append(body).append("\r\n0\r\n\r\n");
                case CHUNKED_TRUNCATED -> out.append(Integer.toHexString(body.length() + 50)).append("\r\n").append(body);
                case EMPTY, NONE -> { }
            }
            return out.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        boolean truncated() {
            return raw != null || halfClose || framing == Framing.TRUNCATED || framing == Framing.CHUNKED_TRUNCATED;
        }

        String describe() {
            String text = new String(bytes(), StandardCharsets.ISO_8859_1);
            StringBuilder shown = new StringBuilder();
            for (char c : (text.length() > 700 ? text.substring(0, 700) + "..." : text).toCharArray()) {
                if (c == '\n') {
                    shown.append("\\n\n    ");
                } else if (c < 0x20 || c > 0x7e) {
                    shown.append(String.format("\\x%02x", (int) c));
                } else {
                    shown.append(c);
                }
            }
            return "mutations " + mutations + "\n    " + shown;
        }

        private static String join(List<String[]> parameters) {
            StringBuilder out = new StringBuilder();
            for (String[] p : parameters) {
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(p[0]);
                if (p[1] != null) {
                    out.append('=').append(p[1]);
                }
            }
            return out.toString();
        }
    }

    private static String enc(String value) {
        return value == null ? null : Server.form(value);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The valid-looking requests the fuzz starts from: every endpoint of DESIGN §2, most methods they take. */
    static List<Supplier<Request>> seeds(World w) {
        List<Supplier<Request>> seeds = new ArrayList<>();
        String service = Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET);
        String web = Server.basic(Server.WEB_ID, Server.WEB_SECRET);
        seeds.add(() -> new Request("GET", "/.well-known/openid-configuration"));
        seeds.add(() -> new Request("GET", "/.well-known/oauth-authorization-server"));
        seeds.add(() -> new Request("GET", "/oauth/jwks"));
        seeds.add(() -> {
            Request r = new Request("GET", "/oauth/authorize").header("Cookie", w.cookies()).header("Accept", "text/html");
            w.authorize().forEach(r::query);
            return r;
        });
        seeds.add(() -> {
            Request r = new Request("GET", "/oauth/authorize").query("prompt", "none").query("max_age", "0")
                    .query("login_hint", "bob").query("response_mode", "form_post");
            w.authorize().forEach(r::query);
            return r;
        });
        seeds.add(() -> {
            Request r = new Request("POST", "/oauth/authorize").header("Cookie", w.cookies()).formContentType();
            w.authorize().forEach(r::form);
            return r;
        });
        seeds.add(() -> new Request("POST", "/oauth/token").formContentType().header("Authorization", service)
                .form("grant_type", "client_credentials").form("scope", "orders:read"));
        seeds.add(() -> new Request("POST", "/oauth/token").formContentType().form("grant_type", "client_credentials")
                .form("client_id", Server.SERVICE_ID).form("client_secret", Server.SERVICE_SECRET));
        seeds.add(() -> new Request("POST", "/oauth/token").formContentType().header("Authorization", web)
                .form("grant_type", "authorization_code").form("code", w.code())
                .form("redirect_uri", Authorization.WEB_CALLBACK).form("code_verifier", w.codeVerifier()));
        seeds.add(() -> new Request("POST", "/oauth/token").formContentType().header("Authorization", web)
                .form("grant_type", "refresh_token").form("refresh_token", w.refreshToken()).form("scope", "openid"));
        seeds.add(() -> new Request("POST", "/oauth/token").formContentType().header("Authorization", web)
                .form("grant_type", "password").form("username", "bob").form("password", ""));
        seeds.add(() -> new Request("POST", "/oauth/introspect").formContentType().header("Authorization", service)
                .form("token", w.accessToken()).form("token_type_hint", "access_token"));
        seeds.add(() -> new Request("POST", "/oauth/revoke").formContentType().header("Authorization", service)
                .form("token", w.serviceToken()).form("token_type_hint", "access_token"));
        seeds.add(() -> new Request("GET", "/oauth/info").header("Authorization", "Bearer " + w.accessToken()));
        seeds.add(() -> new Request("GET", "/oauth/userinfo").header("Authorization", "Bearer " + w.accessToken()));
        seeds.add(() -> new Request("POST", "/oauth/userinfo").header("Authorization", "Bearer " + w.accessToken()));
        seeds.add(() -> new Request("POST", "/oauth/userinfo").formContentType().form("access_token", w.accessToken()));
        seeds.add(() -> new Request("GET", "/oauth/logout").header("Cookie", w.logoutCookies())
                .query("id_token_hint", w.idToken()).query("post_logout_redirect_uri", Authorization.WEB_SIGNED_OUT)
                .query("client_id", Server.WEB_ID).query("state", "s1"));
        seeds.add(() -> new Request("POST", "/oauth/logout").header("Cookie", w.logoutCookies()).formContentType()
                .form("csrf", w.logoutCsrf()).form("id_token_hint", w.idToken())
                .form("post_logout_redirect_uri", Authorization.WEB_SIGNED_OUT).form("state", "s2"));
        seeds.add(() -> new Request("GET", "/login").header("Cookie", w.cookies()).query("interaction", w.loginInteraction()));
        seeds.add(() -> new Request("POST", "/login").header("Cookie", w.cookies()).formContentType()
                .form("csrf", w.csrf()).form("interaction", w.loginInteraction()).form("username", "bob")
                .form("password", ""));
        seeds.add(() -> new Request("GET", "/consent").header("Cookie", w.cookies())
                .query("interaction", w.consentInteraction()));
        seeds.add(() -> new Request("POST", "/consent").header("Cookie", w.cookies()).formContentType()
                .form("csrf", w.csrf()).form("interaction", w.consentInteraction()).form("decision", "allow"));
        seeds.add(() -> new Request("GET", "/account/applications").header("Cookie", w.cookies()));
        seeds.add(() -> new Request("POST", "/account/applications/revoke").header("Cookie", w.cookies())
                .formContentType().form("csrf", w.csrf()).form("client_id", Server.SPA_ID));
        seeds.add(() -> new Request("GET", "/account/tokens").header("Cookie", w.cookies()));
        seeds.add(() -> new Request("POST", "/account/tokens").header("Cookie", w.cookies()).formContentType()
                .form("csrf", w.csrf()).form("kind", "pat").form("name", "fuzz").form("client_id", "it-pat-app")
                .form("scope", "orders:read").form("lifetime_days", "30"));
        seeds.add(() -> new Request("POST", "/account/tokens/revoke").header("Cookie", w.cookies()).formContentType()
                .form("csrf", w.csrf()).form("id", "1"));
        seeds.add(() -> new Request("GET", "/error").query("error", "invalid_request"));
        seeds.add(() -> new Request("GET", "/static/latchkey.css"));
        seeds.add(() -> new Request("GET", "/static/logo.svg"));
        seeds.add(() -> new Request("GET", "/"));
        seeds.add(() -> new Request("OPTIONS", "/oauth/token").header("Origin", "https://app.example.test"));
        return seeds;
    }

    // ------------------------------------------------------------------ mutations

    private static final String[] BAD_VALUES = {"", "%", "%z", "%zz", "%%", "%e9", "%c3%28", "%ff", "%00", "%0d%0a",
        "%ed%a0%80", "%f4%90%80%80", "+", "%2B%20", "\u0000", "\u0001", "\t", "\u007f", "\u00ff", "\u00c3\u0028",
        "\u00e9t\u00e9", "a b", "\"'<>", "&&", "=", "106751991167301", "9223372036854775808", "-1", "0", "1e9",
        "99999999999999999999999999", "NaN", "0x10", " 1", "%2d1", "null", "[]", "{}"};
    private static final String[] NUMERIC = {"lifetime_days", "max_age", "id", "expires_in", "state"};
    private static final String[] CONTENT_TYPES = {null, "text/plain", "application/json", "multipart/form-data",
        "application/x-www-form-urlencoded; charset=bogus", "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=UTF-8", "application/x-www-form-urlencoded; charset=",
        "application/x-www-form-urlencoded;;;", "*/*", "application/x-www-form-urlencoded, text/plain", "garbage",
        "application/x-www-form-urlencoded; charset=\"utf-8\"", "application/x-www-form-urlencoded; charset=ISO-8859-1",
        "APPLICATION/X-WWW-FORM-URLENCODED", "application/x-www-form-urlencoded; boundary=x", ";", "/"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
        "FOO", "get", "CONNECT"};
    private static final String[] ACCEPTS = {"text/html", "application/json", "*/*", "a/b/c", "text/html;q=x", "",
        "image/png", "text/html, application/json;q=0.1", "application/problem+json", ";;"};

    /** name → how it changes a request. */
    static Map<String, BiConsumer<Request, Random>> mutations(World w) {
        Map<String, BiConsumer<Request, Random>> m = new LinkedHashMap<>();
        m.put("drop-parameter", (r, random) -> {
            List<String[]> p = r.parameters(random);
            if (!p.isEmpty()) {
                p.remove(random.nextInt(p.size()));
            }
        });
        m.put("repeat-parameter", (r, random) -> {
            List<String[]> p = r.parameters(random);
            if (!p.isEmpty()) {
                String[] one = p.get(random.nextInt(p.size()));
                p.add(random.nextInt(p.size() + 1), new String[] {one[0], random.nextBoolean() ? one[1] : "other"});
            }
        });
        m.put("bad-value", (r, random) -> {
            List<String[]> p = r.parameters(random);
            String bad = BAD_VALUES[random.nextInt(BAD_VALUES.length)];
            if (p == r.query && bad.chars().anyMatch(c -> c < 0x21 || c > 0x7e || c == '"' || c == '<' || c == '>')) {
                r.mayClose = true;
            }
            if (!p.isEmpty()) {
                String[] one = p.get(random.nextInt(p.size()));
                one[1] = random.nextBoolean() ? bad : (one[1] == null ? "" : one[1]) + bad;
            }
        });
        m.put("bad-name", (r, random) -> {
            List<String[]> p = r.parameters(random);
            String bad = BAD_VALUES[random.nextInt(BAD_VALUES.length)];
            if (p == r.query && bad.chars().anyMatch(c -> c < 0x21 || c > 0x7e || c == '"' || c == '<' || c == '>')) {
                r.mayClose = true;
            }
            p.add(new String[] {bad, random.nextBoolean() ? "x" : null});
        });
        m.put("overflowing-number", (r, random) -> {
            String name = NUMERIC[random.nextInt(NUMERIC.length)];
            String value = BAD_VALUES[25 + random.nextInt(12)];
            List<String[]> p = r.parameters(random);
            p.removeIf(x -> x[0].equals(name));
            p.add(new String[] {name, enc(value)});
        });
        m.put("huge-value", (r, random) -> {
            List<String[]> p = r.parameters(random);
            int size = new int[] {300, 9_000, 70_000}[random.nextInt(3)];
            if (p == r.query && size > 4_000) {
                r.mayClose = true;
            }
            if (!p.isEmpty()) {
                p.get(random.nextInt(p.size()))[1] = "A".repeat(size);
            }
        });
        m.put("many-parameters", (r, random) -> {
            List<String[]> p = r.parameters(random);
            if (p == r.query) {
                r.mayClose = true;
            }
            for (int i = 0; i < 2000; i++) {
                p.add(new String[] {"p" + i, "v"});
            }
        });
        m.put("content-type", (r, random) -> r.header("Content-Type", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]));
        m.put("authorization", (r, random) -> {
            String[] values = {null, "Basic", "Basic ", "Basic !!!", basic("nocolon", "").replace(":", ""),
                basic("", ""), basic(Server.SERVICE_ID, "wrong"), basic("%zz", "%zz"), basic("it-service%00", "x"),
                Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET), Server.basic(Server.WEB_ID, Server.WEB_SECRET),
                "Bearer", "Bearer ", "Bearer a b", "Bearer " + "x".repeat(5000), "Bearer " + w.accessToken(),
                "Bearer " + w.accessToken().substring(0, w.accessToken().length() / 2), "Bearer " + w.serviceToken(),
                "Digest username=\"x\"", "basic " + Base64.getEncoder().encodeToString("it-service:x".getBytes(StandardCharsets.UTF_8)),
                "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0x3a, (byte) 0xfe}),
                "Bearer lk_pat_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Bearer eyJ.eyJ.x"};
            r.header("Authorization", values[random.nextInt(values.length)]);
            if (random.nextInt(6) == 0) {
                r.headers.add(new String[] {"Authorization", values[random.nextInt(values.length)] + ""});
            }
        });
        m.put("method", (r, random) -> {
            r.method = METHODS[random.nextInt(METHODS.length)];
            // RFC 9110 §9.1: a method the server does not implement is answered 501 (the servlet API knows seven).
            if (!List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE").contains(r.method)) {
                r.allowed5xx.add(501);
            }
        });
        m.put("host", (r, random) -> {
            String[] values = {null, "", "evil.example", "a b", "[::1", "x".repeat(300), "127.0.0.1:99999", "127.0.0.1:0"};
            int i = random.nextInt(values.length);
            r.mayClose |= i == 0 || i == 1 || i == 3 || i == 4 || i == 6;
            r.header("Host", values[i]);
        });
        m.put("origin", (r, random) -> {
            String[] values = {"null", "https://evil.example", "http://127.0.0.1:28765", "\u00ff", "x"};
            r.header(random.nextBoolean() ? "Origin" : "Referer", values[random.nextInt(values.length)]);
        });
        m.put("cookie", (r, random) -> {
            String[] values = {null, CookieBrowser.SESSION_COOKIE + "=garbage", CookieBrowser.SESSION_COOKIE + "=",
                w.cookies().substring(0, w.cookies().length() / 2), w.cookies() + "; " + w.cookies(), "=;;;",
                CookieBrowser.BROWSER_COOKIE + "=" + "A".repeat(3000), CookieBrowser.SESSION_COOKIE + "=%zz\u00ff",
                w.logoutCookies(), "$Version=1; " + w.cookies()};
            r.header("Cookie", values[random.nextInt(values.length)]);
        });
        m.put("accept", (r, random) -> r.header("Accept", ACCEPTS[random.nextInt(ACCEPTS.length)]));
        m.put("framing", (r, random) -> {
            Framing[] framings = Framing.values();
            r.framing = framings[random.nextInt(framings.length)];
            // Undertow closes the connection on a bad chunk header instead of answering.
            r.mayClose |= r.framing == Framing.CHUNKED_BAD_HEADER;
            if (r.form == null && random.nextBoolean()) {
                r.form("fuzz", "1");
            }
        });
        m.put("path", (r, random) -> {
            String[] suffixes = {"/", "//", ";jsessionid=x", ";a=b", "/%2e%2e/", "%2F", "/../oauth/jwks", "%7e",
                "\u00ff", ".json", "?", "#x", "/x", "%00", "%ZZ", "/."};
            int i = random.nextInt(suffixes.length);
            r.mayClose |= i == 4 || i == 5 || i == 8 || i == 11 || i == 13 || i == 14;
            r.path = random.nextInt(5) == 0 ? r.path.toUpperCase(Locale.ROOT) : r.path + suffixes[i];
        });
        m.put("version", (r, random) -> {
            String[] versions = {"HTTP/1.0", "HTTP/2.0", "HTTP/9.Z", "http/1.1", "HTTP/1.1 x", "HTTP/1"};
            r.version = versions[random.nextInt(versions.length)];
            r.mayClose = true;
            r.allowed5xx.add(505);
        });
        m.put("transfer-coding", (r, random) -> {
            r.header("Transfer-Encoding", random.nextBoolean() ? "gzip" : "chunked, gzip");
            r.framing = Framing.NONE;
            r.mayClose = true;
            // Undertow reads such a body to the end of the connection: end it, or it waits for the body deadline.
            r.halfClose = true;
            r.allowed5xx.add(501);
        });
        m.put("big-header", (r, random) -> {
            r.header("X-Fill", "a".repeat(random.nextBoolean() ? 9_000 : 70_000));
            r.mayClose = true;
        });
        m.put("control-in-header", (r, random) -> {
            String[] values = {"a\u0000b", "a\u0001b", "\u00ff\u00fe", "a\rb"};
            r.header("X-Odd", values[random.nextInt(values.length)]);
            r.mayClose = true;
        });
        m.put("expect", (r, random) -> r.header("Expect", random.nextBoolean() ? "100-continue" : "garbage"));
        m.put("form-to-query", (r, random) -> {
            if (r.form != null) {
                // What bad-name put into the form may now stand raw in the request line: the same rule as there.
                if (r.form.stream().flatMap(Stream::of).filter(Objects::nonNull).anyMatch(text -> text.chars()
                        .anyMatch(c -> c < 0x21 || c > 0x7e || c == '"' || c == '<' || c == '>'))) {
                    r.mayClose = true;
                }
                r.query.addAll(r.form);
                r.form = null;
            }
        });
        m.put("query-to-form", (r, random) -> {
            if (!r.query.isEmpty()) {
                r.form = new ArrayList<>(r.query);
                r.query.clear();
                r.method = "POST";
                r.formContentType();
            }
        });
        m.put("raw-body", (r, random) -> {
            String[] bodies = {"\u0000\u0000", "\u00ff\u00fe", "a=%", "&", "=", "a=1&&&b=2", "{\"grant_type\":1}",
                "a=\u00e9", "%%%%", "x".repeat(70_000)};
            r.form = new ArrayList<>();
            r.form.add(new String[] {bodies[random.nextInt(bodies.length)], null});
        });
        return m;
    }

    /** Container-level garbage: nothing here is HTTP a server must answer. */
    static Request garbage(Random random) {
        String[] lines = {"\r\n\r\n", "GET\r\n\r\n", "GET /\r\n\r\n", " / HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET " + RawHttp.CONTEXT + "/oauth/jwks HTTP/1.1\r\nHost: " + HOST + "\r\n",
            "GET " + RawHttp.CONTEXT + "/oauth/jwks\u00ff HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n",
            "G(T / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n", "GET / HTTP/1.1\r\n: empty-name\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: " + HOST + "\r\n folded: header\r\n\r\n",
            "POST " + RawHttp.CONTEXT + "/oauth/token HTTP/1.1\r\nHost: " + HOST
                + "\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef",
            "POST " + RawHttp.CONTEXT + "/oauth/token HTTP/1.1\r\nHost: " + HOST
                + "\r\nContent-Length: -1\r\n\r\n",
            "POST " + RawHttp.CONTEXT + "/oauth/token HTTP/1.1\r\nHost: " + HOST
                + "\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nffffffffffffffffff\r\n"};
        Request r = new Request("GET", "/");
        if (random.nextBoolean()) {
            r.raw = lines[random.nextInt(lines.length)];
        } else {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            r.raw = new String(bytes, StandardCharsets.ISO_8859_1) + (random.nextBoolean() ? "\r\n\r\n" : "");
        }
        r.mayClose = true;
        r.allowed5xx.add(501);
        r.allowed5xx.add(505);
        r.mutations.add("garbage");
        return r;
    }

    static Request generate(int index, List<Supplier<Request>> seeds,
                            Map<String, BiConsumer<Request, Random>> mutations) {
        Random random = new Random(SEED * 1_000_003L + index);
        if (random.nextInt(100) < 4) {
            return garbage(random);
        }
        Request request = seeds.get(random.nextInt(seeds.size())).get();
        List<String> names = new ArrayList<>(mutations.keySet());
        int count = index % 10 == 0 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String name = names.get(random.nextInt(names.size()));
            request.mutations.add(name);
            mutations.get(name).accept(request, random);
        }
        return request;
    }

    // ------------------------------------------------------------------ the test

    @Test
    void noMutatedRequestGetsA5xxAStackTraceOrAServerVersion() throws Exception {
        World world = World.prepare();
        List<Supplier<Request>> seeds = seeds(world);
        Map<String, BiConsumer<Request, Random>> mutations = mutations(world);
        Map<Path, Long> logBefore = RawHttp.logSizes();
        Map<String, List<String>> failures = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = thread; i < REQUESTS; i += THREADS) {
                        Request request = generate(i, seeds, mutations);
                        RawHttp.Answer answer = RawHttp.exchange(request.bytes(), request.truncated(), 20_000);
                        statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
                        String problem = judge(request, answer);
                        if (problem != null) {
                            String group = request.method + " " + request.path.replaceAll("[^\\x21-\\x7e]", "?")
                                    + " -> " + problem;
                            failures.computeIfAbsent(group, g -> Collections.synchronizedList(new ArrayList<>()))
                                    .add("#" + i + " " + request.describe() + "\n  answer: " + answer);
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        Thread.sleep(500);
        String logged = RawHttp.loggedSince(logBefore);
        List<String> errors = RawHttp.errorLines(logged);

        StringBuilder report = new StringBuilder();
        report.append(String.format("fuzz: seed %d, %d requests in %d s, statuses %s%n", SEED, REQUESTS, seconds,
                new TreeMap<>(statuses)));
        new TreeMap<>(failures).forEach((group, examples) -> report.append("\n").append(examples.size()).append(" x ")
                .append(group).append("\n  first: ").append(examples.get(0)).append("\n"));
        if (!errors.isEmpty()) {
            report.append("\nthe server logged errors meanwhile:\n  ").append(String.join("\n  ", errors)).append("\n");
        }
        System.out.println(report);
        if (!failures.isEmpty() || !errors.isEmpty()) {
            fail(report.toString());
        }
    }

    /** What is wrong with an answer to a request, or null. */
    static String judge(Request request, RawHttp.Answer answer) {
        if (!answer.answered()) {
            return request.mayClose || request.truncated() ? null : "no answer";
        }
        if (answer.status() >= 500 && !request.allowed5xx.contains(answer.status())) {
            return String.valueOf(answer.status());
        }
        return answer.leak();
    }
}

package io.latchkey.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver of scripts/bench-sign-in (DESIGN §9): complete authorization code + PKCE round trips without a
 * browser, and refresh token rotations, over loopback with {@link LoopbackHttp} (one kept-alive connection per worker thread).
 *
 * <p>One login round trip: {@code GET /oauth/authorize} (303 to the login page, browser cookie) → {@code GET
 * /login?interaction=…} (the form: csrf, interaction) → {@code POST /login} (303 straight back to the client
 * with code, state and iss: the application is first-party, so no consent page) → {@code POST /oauth/token}
 * grant_type=authorization_code with the PKCE verifier and HTTP Basic (access, ID and refresh token). Every
 * round trip starts with an empty cookie jar, so each one is a new browser and a new session (one Argon2
 * verification). One refresh: {@code POST /oauth/token} grant_type=refresh_token with the newest refresh token
 * of the worker's own family (rotation; a reused token would revoke the family).
 *
 * <p>Modes, one per process so that the script can measure each ceiling right before the figure it bounds:
 * <ul>
 *   <li>{@code consent}: a third-party application shows the consent page after the login form; allow → code
 *       → token; a second sign-in of the same person must then skip the remembered consent.</li>
 *   <li>{@code logins seconds warmup_seconds workers}: warm-up, then measured login round trips.</li>
 *   <li>{@code warmup seconds login_workers refresh_workers}: refreshes, then logins, nothing measured.</li>
 *   <li>{@code chains count login_parallel file}: refresh tokens of {@code count} fresh sign-ins, for wrk.</li>
 * </ul>
 * Every answer is checked; anything unexpected counts as an error (the first few are printed on stderr) and
 * makes the exit status 1.
 *
 * <p>Usage: {@code java -cp target/bench-sign-in/classes io.latchkey.bench.SignInLoad MODE …}. The rest comes
 * from the environment, so that no secret is on a command line: BENCH_BASE (issuer), BENCH_REDIRECT_URI,
 * BENCH_WEB_CLIENT_ID / BENCH_WEB_SECRET (first-party web application), BENCH_CONSENT_CLIENT_ID /
 * BENCH_CONSENT_SECRET (third-party web application), BENCH_USERS (comma-separated usernames) and
 * BENCH_USER_PASSWORD (the password they share); optionally BENCH_SERVER_PID, the server's process, whose share
 * of the machine's CPU during the measured logins is then printed with the driver's own and the rest.
 *
 * <p>Prints {@code CHECK …}, {@code INFO …} and {@code RESULT sign_in …} / {@code RESULT refresh …} lines.
 */
public final class SignInLoad {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern INPUT = Pattern.compile("<(?:input|button)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z-]+)=\"([^\"]*)\"");
    /** One compiled pattern per JSON member name (compiled per response, they cost the shared CPU). */
    private static final Map<String, Pattern> JSON_MEMBERS = new ConcurrentHashMap<>();
    private static final int MAX_PRINTED_ERRORS = 5;
    private static final String SCOPE = "openid offline_access";

    private final String base;
    private final String redirectUri;
    private final Client web;
    private final Client consentApp;
    private final List<String> users;
    private final String password;
    private final LoopbackHttp http;
    private final AtomicInteger printedErrors = new AtomicInteger();
    private final AtomicLong userCounter = new AtomicLong();

    /** A confidential web application and its HTTP Basic header. */
    private record Client(String id, String basic) {
        static Client of(String id, String secret) {
            String pair = form(id) + ":" + form(secret); // RFC 6749 §2.3.1: form-encode, then base64
            return new Client(id, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Something unexpected: counted as an error of the phase. */
    private static final class Unexpected extends Exception {
        private static final long serialVersionUID = 1L;

        Unexpected(String message) {
            super(message, null, false, false);
        }
    }

    /** The tokens of a finished code exchange or refresh. */
    private record Tokens(String accessToken, String idToken, String refreshToken) {
    }

    /** Wall time per step of a login round trip, summed over a phase (nanoseconds). */
    private static final class Steps {
        final LongAdder authorize = new LongAdder();
        final LongAdder loginPage = new LongAdder();
        final LongAdder loginPost = new LongAdder();
        final LongAdder token = new LongAdder();
    }

    /** Counters and latencies of one measured phase. */
    private static final class Phase {
        final String name;
        final LongAdder done = new LongAdder();
        final LongAdder errors = new LongAdder();
        final List<long[]> latencies = new ArrayList<>();
        final Steps steps = new Steps();
        double elapsedSeconds;

        Phase(String name) {
            this.name = name;
        }

        synchronized void addLatencies(long[] values, int count) {
            latencies.add(Arrays.copyOf(values, count));
        }

        long[] sortedLatencies() {
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return all;
        }
    }

    /**
     * CPU counters of the machine ({@code /proc/stat}), the server (BENCH_SERVER_PID, {@code /proc/PID/stat}) and
     * this driver at one moment, and the server's minor page faults (a native Argon2id hash whose m KiB the C
     * library handed back to the kernel faults them in again: about 4 900 for m=19456); empty when the server's pid
     * is not given or /proc cannot be read.
     */
    private record CpuMark(long machineBusyTicks, long machineTotalTicks, long serverTicks, long driverNanos,
                           long serverMinorFaults) {
        private static final double TICKS_PER_SECOND = 100; // USER_HZ, fixed at 100 in Linux's user ABI

        static Optional<CpuMark> now() {
            String pid = System.getenv("BENCH_SERVER_PID");
            if (pid == null || pid.isEmpty()) {
                return Optional.empty();
            }
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                long total = 0;
                for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user nice system idle iowait irq softirq steal
                    long ticks = Long.parseLong(cpu[i]);
                    total += ticks;
                    if (i != 4 && i != 5) {
                        busy += ticks;
                    }
                }
                String stat = Files.readString(Path.of("/proc", pid, "stat"));
                // After the command name in parentheses: state is field 3, minflt field 10, utime and stime fields
                // 14 and 15.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                long server = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                long faults = Long.parseLong(fields[7]);
                long driver = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
                return Optional.of(new CpuMark(busy, total, server, driver, faults));
            } catch (IOException | RuntimeException e) {
                say("cannot read the CPU counters: " + e);
                return Optional.empty();
            }
        }

        /**
         * The server's and this driver's CPU time since {@code start} per unit of work, in ms:
         * {@code server_cpu_ms_per_round_trip=… driver_cpu_ms_per_round_trip=… server_minor_faults_per_round_trip=…}.
         */
        String perUnitSince(CpuMark start, long units) {
            double server = (serverTicks - start.serverTicks) * 1000 / TICKS_PER_SECOND / Math.max(1, units);
            double driver = (driverNanos - start.driverNanos) / 1e6 / Math.max(1, units);
            double faults = (double) (serverMinorFaults - start.serverMinorFaults) / Math.max(1, units);
            return String.format("server_cpu_ms_per_round_trip=%.2f driver_cpu_ms_per_round_trip=%.2f"
                    + " server_minor_faults_per_round_trip=%.0f", server, driver, faults);
        }

        /** Where the machine's CPU went since {@code start}, in percent of all its cores. */
        String sharesSince(CpuMark start) {
            double total = machineTotalTicks - start.machineTotalTicks;
            double server = 100 * (serverTicks - start.serverTicks) / total;
            double driver = 100 * ((driverNanos - start.driverNanos) / 1e9 * TICKS_PER_SECOND) / total;
            double busy = 100 * (machineBusyTicks - start.machineBusyTicks) / total;
            return String.format("server=%.1f%% driver=%.1f%% other=%.1f%% idle=%.1f%% (of all %d cores, the"
                    + " measured seconds only)", server, driver, Math.max(0, busy - server - driver), 100 - busy,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private SignInLoad(String base, String redirectUri, Client web, Client consentApp, List<String> users,
                       String password) {
        this.base = base;
        this.redirectUri = redirectUri;
        this.web = web;
        this.consentApp = consentApp;
        this.users = users;
        this.password = password;
        this.http = new LoopbackHttp(base);
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        int expected = switch (mode) {
            case "consent" -> 1;
            case "logins" -> 4;
            case "warmup" -> 4;
            case "chains" -> 4;
            default -> -1;
        };
        if (args.length != expected) {
            System.err.println("usage: SignInLoad consent | logins seconds warmup_seconds workers"
                    + " | warmup seconds login_workers refresh_workers | chains count login_parallel file");
            System.exit(2);
        }
        String base = env("BENCH_BASE").replaceAll("/+$", "");
        SignInLoad load = new SignInLoad(base, env("BENCH_REDIRECT_URI"),
                Client.of(env("BENCH_WEB_CLIENT_ID"), env("BENCH_WEB_SECRET")),
                Client.of(env("BENCH_CONSENT_CLIENT_ID"), env("BENCH_CONSENT_SECRET")),
                List.of(env("BENCH_USERS").split(",")), env("BENCH_USER_PASSWORD"));
        long errors = switch (mode) {
            case "consent" -> load.consent();
            case "logins" -> load.logins(Double.parseDouble(args[1]), Double.parseDouble(args[2]),
                    Integer.parseInt(args[3]));
            case "warmup" -> load.warmup(Double.parseDouble(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]));
            default -> load.chains(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
        };
        System.exit(errors == 0 ? 0 : 1);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return value;
    }

    /** Mode {@code consent}: the consent path, once; 1 if it failed. */
    private long consent() throws InterruptedException {
        try {
            consentRoundTrip();
            return 0;
        } catch (Unexpected | IOException e) {
            System.err.println("sign-in: the consent round trip failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Mode {@code warmup}: refreshes for the first fifth of the time, logins for the rest, nothing measured, so
     * that the JIT has compiled both paths before either is measured; the errors. Logins come last because they
     * are measured next: code C2 compiled while only refreshes ran is deoptimized and compiled again when
     * logins take branches the refreshes never took. On two busy cores C2 keeps compiling the login path
     * (Tomcat, Jersey, Hibernate, H2, Thymeleaf) for about two minutes of logins, at up to a tenth of the machine.
     */
    private long warmup(double seconds, int loginWorkers, int refreshWorkers) throws InterruptedException {
        say("warm-up: refreshes (" + refreshWorkers + " workers) then logins (" + loginWorkers + " workers), "
                + seconds + " s");
        String[] chains = startChains(refreshWorkers, loginWorkers);
        if (chains == null) {
            return 1;
        }
        Phase refreshes = refreshes("warm-up refreshes", seconds / 5, chains);
        Phase logins = logins("warm-up logins", seconds * 4 / 5, loginWorkers);
        long errors = logins.errors.sum() + refreshes.errors.sum();
        System.out.printf("INFO warmup logins=%d refreshes=%d errors=%d seconds=%.0f%n", logins.done.sum(),
                refreshes.done.sum(), errors, seconds);
        return errors;
    }

    /**
     * Mode {@code chains}: signs in {@code count} times and writes the refresh tokens, one per line, to a new
     * file only its owner may read (wrk then rotates them: scripts/bench/latchkey.lua, mode refresh); the errors.
     */
    private long chains(int count, int parallel, Path file) throws InterruptedException {
        String[] tokens = startChains(count, parallel);
        if (tokens == null) {
            return 1;
        }
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, List.of(tokens), StandardCharsets.US_ASCII);
            return 0;
        } catch (IOException e) {
            System.err.println("sign-in: could not write the refresh chains: " + e);
            return 1;
        }
    }

    /** Mode {@code logins}: warm-up, then measured login round trips; the errors of both. */
    private long logins(double seconds, double warmup, int workers) throws InterruptedException {
        say("login warm-up: " + workers + " workers, " + warmup + " s");
        Phase warm = logins("login warm-up", warmup, workers);
        if (warm.done.sum() == 0) {
            System.err.println("sign-in: no login round trip succeeded during the warm-up");
            return Math.max(1, warm.errors.sum());
        }
        say("measuring logins: " + workers + " workers, " + seconds + " s");
        Optional<CpuMark> before = CpuMark.now();
        Phase logins = logins("sign_in", seconds, workers);
        Optional<CpuMark> after = CpuMark.now();
        long[] l = logins.sortedLatencies();
        System.out.printf("RESULT sign_in logins_per_s=%.1f p50_ms=%.1f p99_ms=%.1f errors=%d workers=%d"
                        + " round_trips=%d seconds=%.3f (first-party %s: authorize → login form → code → token, no"
                        + " consent page)%n",
                logins.done.sum() / logins.elapsedSeconds, percentile(l, 50), percentile(l, 99), logins.errors.sum(),
                workers, logins.done.sum(), logins.elapsedSeconds, web.id());
        long n = Math.max(1, logins.done.sum() + logins.errors.sum());
        System.out.printf("INFO sign_in mean_ms_per_step authorize=%.1f login_page=%.1f login_post=%.1f token=%.1f%n",
                logins.steps.authorize.sum() / 1e6 / n, logins.steps.loginPage.sum() / 1e6 / n,
                logins.steps.loginPost.sum() / 1e6 / n, logins.steps.token.sum() / 1e6 / n);
        if (before.isPresent() && after.isPresent()) {
            System.out.println("INFO sign_in cpu " + after.get().sharesSince(before.get()));
            System.out.println("INFO sign_in cpu " + after.get().perUnitSince(before.get(), logins.done.sum()));
        }
        return warm.errors.sum() + logins.errors.sum();
    }

    // --- phases ----------------------------------------------------------------------------------

    /** {@code workers} threads doing login round trips until {@code seconds} have passed. */
    private Phase logins(String name, double seconds, int workers) throws InterruptedException {
        Phase phase = new Phase(name);
        runWorkers(phase, seconds, workers, worker -> {
            loginRoundTrip(web, nextUser(), phase.steps);
            return null;
        });
        return phase;
    }

    /** One login per chain (at most {@code parallel} at once); a chain that cannot start is an error. */
    private String[] startChains(int chains, int parallel) throws InterruptedException {
        String[] tokens = new String[chains];
        Phase phase = new Phase("refresh chains");
        AtomicInteger next = new AtomicInteger();
        runWorkers(phase, Double.MAX_VALUE, Math.min(parallel, chains), worker -> {
            int index = next.getAndIncrement();
            if (index >= chains) {
                return Boolean.FALSE; // no more chains to start
            }
            tokens[index] = loginRoundTrip(web, nextUser(), phase.steps).refreshToken();
            return null;
        });
        if (phase.errors.sum() > 0 || Arrays.stream(tokens).anyMatch(t -> t == null)) {
            System.err.println("sign-in: could not start every refresh chain (" + phase.errors.sum() + " errors)");
            return null;
        }
        return tokens;
    }

    /** One thread per chain, each rotating its own refresh token until {@code seconds} have passed. */
    private Phase refreshes(String name, double seconds, String[] chains) throws InterruptedException {
        Phase phase = new Phase(name);
        runWorkers(phase, seconds, chains.length, worker -> {
            try {
                chains[worker] = refresh(web, chains[worker]).refreshToken();
            } catch (Unexpected | IOException e) {
                // The family may be revoked now: start a new one (not counted) so the worker can go on.
                chains[worker] = loginRoundTrip(web, nextUser(), new Steps()).refreshToken();
                throw e;
            }
            return null;
        });
        return phase;
    }

    /** One unit of work of a worker; returns {@code Boolean.FALSE} when the worker has nothing more to do. */
    private interface Operation {
        Object run(int worker) throws Unexpected, IOException, InterruptedException;
    }

    /**
     * Runs {@code operation} on {@code workers} threads, each until the deadline; every operation started
     * before the deadline counts, and the phase lasts until the last one has finished (so that nothing in flight
     * is lost from the rate).
     */
    private void runWorkers(Phase phase, double seconds, int workers, Operation operation) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = seconds >= Double.MAX_VALUE / 2 ? Long.MAX_VALUE : start + (long) (seconds * 1e9);
        CountDownLatch finished = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                try {
                    while (System.nanoTime() < deadline) {
                        long began = System.nanoTime();
                        try {
                            if (Boolean.FALSE.equals(operation.run(worker))) {
                                break;
                            }
                            phase.done.increment();
                            if (count == latencies.length) {
                                latencies = Arrays.copyOf(latencies, count * 2);
                            }
                            latencies[count++] = System.nanoTime() - began;
                        } catch (Unexpected | IOException e) {
                            error(phase, e);
                        } catch (RuntimeException e) {
                            error(phase, e);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    phase.addLatencies(latencies, count);
                    finished.countDown();
                }
            }, phase.name + "-" + w);
            thread.setDaemon(true);
            thread.start();
        }
        finished.await();
        phase.elapsedSeconds = (System.nanoTime() - start) / 1e9;
    }

    private void error(Phase phase, Exception e) {
        phase.errors.increment();
        if (printedErrors.getAndIncrement() < MAX_PRINTED_ERRORS) {
            System.err.println("sign-in: error in " + phase.name + ": " + e);
        }
    }

    private String nextUser() {
        return users.get((int) (userCounter.getAndIncrement() % users.size()));
    }

    // --- the round trips -------------------------------------------------------------------------

    /**
     * The consent path, once: a third-party application shows the consent page after the login form; allow
     * gives the code, the code gives tokens. A second sign-in of the same person must skip the (now remembered)
     * consent.
     */
    private void consentRoundTrip() throws Unexpected, IOException {
        String user = users.get(0);
        Browser browser = new Browser();
        Pkce pkce = Pkce.create();
        String loginUrl = browser.authorize(consentApp, pkce);
        String afterLogin = browser.submitLogin(loginUrl, user);
        if (!afterLogin.startsWith(base + "/consent?")) {
            throw new Unexpected("third-party application " + consentApp.id()
                    + ": after the login form expected the consent page, got " + afterLogin);
        }
        LoopbackHttp.Response page = browser.get(afterLogin);
        expectStatus("GET /consent", page, 200);
        Map<String, String> fields = formFields(page.body());
        if (!page.body().matches("(?s).*<button\\b[^>]*name=\"decision\"[^>]*value=\"allow\".*")) {
            throw new Unexpected("the consent page has no button decision=allow");
        }
        Map<String, String> decision = new LinkedHashMap<>();
        decision.put("decision", "allow");
        decision.put("csrf", require(fields, "csrf", "consent page"));
        decision.put("interaction", require(fields, "interaction", "consent page"));
        LoopbackHttp.Response allowed = browser.post(base + "/consent", decision);
        String code = codeOf("POST /consent", allowed, pkce);
        Tokens tokens = exchange(consentApp, code, pkce);
        say("consent round trip with " + consentApp.id() + " as " + user + ": login → consent (allow) → code → token ok");

        // Same person and application, a new browser: the consent is remembered, so the login goes straight back.
        Browser second = new Browser();
        Pkce again = Pkce.create();
        String location = second.submitLogin(second.authorize(consentApp, again), user);
        if (!location.startsWith(redirectUri + "?")) {
            throw new Unexpected("the second sign-in to " + consentApp.id() + " did not skip the remembered consent: "
                    + location);
        }
        exchange(consentApp, codeOf(location, again), again);
        System.out.println("CHECK consent round trip ok (third-party " + consentApp.id()
                + ": authorize → login → consent allow → code → token" + (tokens.refreshToken() != null ? " + refresh token" : "")
                + "; a second sign-in skipped the remembered consent)");
    }

    /** One complete first-party login round trip with a new browser; the tokens of the code exchange. */
    private Tokens loginRoundTrip(Client client, String user, Steps steps)
            throws Unexpected, IOException {
        Browser browser = new Browser();
        Pkce pkce = Pkce.create();
        long t0 = System.nanoTime();
        String loginUrl = browser.authorize(client, pkce);
        long t1 = System.nanoTime();
        steps.authorize.add(t1 - t0);
        LoopbackHttp.Response page = browser.get(loginUrl);
        long t2 = System.nanoTime();
        steps.loginPage.add(t2 - t1);
        String location = browser.postLogin(page, user);
        long t3 = System.nanoTime();
        steps.loginPost.add(t3 - t2);
        if (!location.startsWith(redirectUri + "?")) {
            throw new Unexpected("POST /login for first-party " + client.id() + " did not go back to the client: "
                    + location);
        }
        Tokens tokens = exchange(client, codeOf(location, pkce), pkce);
        steps.token.add(System.nanoTime() - t3);
        return tokens;
    }

    /** POST /oauth/token grant_type=authorization_code with the PKCE verifier. */
    private Tokens exchange(Client client, String code, Pkce pkce) throws Unexpected, IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", pkce.verifier());
        return tokens("authorization_code", token(client, form));
    }

    /** POST /oauth/token grant_type=refresh_token; the answer's refresh token replaces the presented one. */
    private Tokens refresh(Client client, String refreshToken) throws Unexpected, IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        Tokens tokens = tokens("refresh_token", token(client, form));
        if (tokens.refreshToken().equals(refreshToken)) {
            throw new Unexpected("refresh_token grant: the refresh token was not rotated");
        }
        return tokens;
    }

    private LoopbackHttp.Response token(Client client, Map<String, String> form) throws IOException {
        return http.postForm("/oauth/token", query(form), "Authorization", client.basic(), "Accept", "application/json");
    }

    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    /** A token response must have a JWT access token and ID token, token_type Bearer and a refresh token. */
    private static Tokens tokens(String grant, LoopbackHttp.Response response) throws Unexpected {
        expectStatus("POST /oauth/token " + grant, response, 200);
        String body = response.body();
        String access = jsonString(body, "access_token");
        String id = jsonString(body, "id_token");
        String refresh = jsonString(body, "refresh_token");
        if (access == null || !JWT.matcher(access).matches() || id == null || !JWT.matcher(id).matches()
                || refresh == null || !"Bearer".equals(jsonString(body, "token_type"))) {
            throw new Unexpected("POST /oauth/token " + grant + ": the answer lacks a JWT access_token, a JWT id_token,"
                    + " a refresh_token or token_type Bearer (fields: " + fieldNames(body) + ")");
        }
        return new Tokens(access, id, refresh);
    }

    /** The code of a 303 back to the client, after checking state and iss. */
    private String codeOf(String step, LoopbackHttp.Response response, Pkce pkce) throws Unexpected {
        expectStatus(step, response, 303);
        return codeOf(location(step, response), pkce);
    }

    private String codeOf(String location, Pkce pkce) throws Unexpected {
        if (!location.startsWith(redirectUri + "?")) {
            throw new Unexpected("expected a redirect to the client, got " + location);
        }
        Map<String, String> parameters = parseQuery(URI.create(location).getRawQuery());
        if (parameters.containsKey("error")) {
            throw new Unexpected("the client got error=" + parameters.get("error"));
        }
        if (!pkce.state().equals(parameters.get("state")) || !base.equals(parameters.get("iss"))
                || parameters.get("code") == null) {
            throw new Unexpected("the redirect to the client lacks code, the right state or iss=" + base);
        }
        return parameters.get("code");
    }

    // --- one browser: a cookie jar for one round trip --------------------------------------------

    /** A new browser: its own cookies (browser id, then the session), nothing shared with another round trip. */
    private final class Browser {
        private final Map<String, String> cookies = new LinkedHashMap<>();

        /** GET /oauth/authorize; the login page URL it redirects to. */
        String authorize(Client client, Pkce pkce) throws Unexpected, IOException {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("response_type", "code");
            q.put("client_id", client.id());
            q.put("redirect_uri", redirectUri);
            q.put("scope", SCOPE);
            q.put("state", pkce.state());
            q.put("code_challenge", pkce.challenge());
            q.put("code_challenge_method", "S256");
            LoopbackHttp.Response response = get(base + "/oauth/authorize?" + query(q));
            expectStatus("GET /oauth/authorize", response, 303);
            String location = location("GET /oauth/authorize", response);
            if (!location.startsWith(base + "/login?interaction=")) {
                throw new Unexpected("GET /oauth/authorize did not redirect to the login page: " + location);
            }
            if (!cookies.containsKey("latchkey_browser")) {
                throw new Unexpected("GET /oauth/authorize set no latchkey_browser cookie");
            }
            return location;
        }

        /** GET the login page, then fill and post it; the Location of the 303. */
        String submitLogin(String loginUrl, String user) throws Unexpected, IOException {
            return postLogin(get(loginUrl), user);
        }

        String postLogin(LoopbackHttp.Response page, String user) throws Unexpected, IOException {
            expectStatus("GET /login", page, 200);
            Map<String, String> fields = formFields(page.body());
            Map<String, String> form = new LinkedHashMap<>();
            form.put("username", user);
            form.put("password", password);
            form.put("csrf", require(fields, "csrf", "login page"));
            form.put("interaction", require(fields, "interaction", "login page"));
            LoopbackHttp.Response response = post(base + "/login", form);
            expectStatus("POST /login", response, 303);
            if (!cookies.containsKey("latchkey_session")) {
                throw new Unexpected("POST /login set no latchkey_session cookie");
            }
            return location("POST /login", response);
        }

        LoopbackHttp.Response get(String url) throws IOException {
            return remember(http.send("GET", url, null, headers()));
        }

        LoopbackHttp.Response post(String url, Map<String, String> form) throws IOException {
            return remember(http.send("POST", url, query(form), headers()));
        }

        private String[] headers() {
            if (cookies.isEmpty()) {
                return new String[] {"Accept", "text/html"};
            }
            StringJoiner header = new StringJoiner("; ");
            cookies.forEach((name, value) -> header.add(name + "=" + value));
            return new String[] {"Accept", "text/html", "Cookie", header.toString()};
        }

        private LoopbackHttp.Response remember(LoopbackHttp.Response response) {
            for (String setCookie : response.headers("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        }
    }

    /** PKCE (RFC 7636, S256) and state for one authorization request. */
    private record Pkce(String verifier, String challenge, String state) {
        static Pkce create() {
            String verifier = randomBase64Url(32);
            byte[] digest;
            try {
                digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest), randomBase64Url(16));
        }
    }

    // --- small helpers ---------------------------------------------------------------------------

    private static void expectStatus(String step, LoopbackHttp.Response response, int expected) throws Unexpected {
        if (response.statusCode() != expected) {
            String body = response.body() == null ? "" : response.body().replaceAll("\\s+", " ");
            throw new Unexpected(step + " answered " + response.statusCode() + " (expected " + expected + "): "
                    + body.substring(0, Math.min(200, body.length())));
        }
    }

    private String location(String step, LoopbackHttp.Response response) throws Unexpected {
        String location = response.header("Location")
                .orElseThrow(() -> new Unexpected(step + " answered " + response.statusCode() + " without Location"));
        return URI.create(base + "/").resolve(location).toString();
    }

    /** The named inputs and buttons of a page: name → value (HTML entities decoded). */
    private static Map<String, String> formFields(String html) {
        Map<String, String> fields = new HashMap<>();
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            Map<String, String> attributes = new HashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group());
            while (attribute.find()) {
                attributes.put(attribute.group(1).toLowerCase(), unescape(attribute.group(2)));
            }
            String name = attributes.get("name");
            if (name != null) {
                fields.putIfAbsent(name, attributes.getOrDefault("value", ""));
            }
        }
        return fields;
    }

    private static String require(Map<String, String> fields, String name, String page) throws Unexpected {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new Unexpected("the " + page + " has no field " + name + " (fields: " + fields.keySet() + ")");
        }
        return value;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x2F;", "/").replace("&#x3D;", "=").replace("&amp;", "&");
    }

    /** The string value of a top-level member of a flat JSON object (token responses have no nesting). */
    private static String jsonString(String json, String name) {
        Matcher m = JSON_MEMBERS.computeIfAbsent(name, n -> Pattern.compile(
                "\"" + Pattern.quote(n) + "\"\\s*:\\s*\"([^\"\\\\]*)\"")).matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static List<String> fieldNames(String json) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\"([a-z_]+)\"\\s*:").matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String query(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&");
        parameters.forEach((k, v) -> joined.add(form(k) + "=" + form(v)));
        return joined.toString();
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String randomBase64Url(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void say(String message) {
        System.err.println("sign-in: " + message);
    }
}

package io.latchkey.it.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.account.CredentialThrottle;
import io.latchkey.it.Authorization;
import io.latchkey.it.CookieBrowser;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.Server;
import io.latchkey.job.ExpiredRowsPurge;
import io.latchkey.testing.ContainerTestDatabase;
import io.latchkey.testing.PostgresCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Latchkey nodes (two Tomcat processes, {@link TomcatNode}) on one PostgreSQL database with one master key, the
 * test client acting as the load balancer in front of them (both nodes have the same issuer, node A's URL; a request
 * goes to whichever node the test picks). Run by the {@code it-nodes} failsafe execution of the build, which starts
 * the PostgreSQL cluster ({@link ContainerTestDatabase}); standalone, it starts one of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN_ID = "it-admin-service";
    private static final String ADMIN_SECRET = IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    private static final int REFRESH_TRIALS = Integer.getInteger("it.nodes.refresh-trials", 200);
    private static final int CODE_TRIALS = 20;
    /** Expired revoked-token rows put in for the purge, a number no other run of it deletes. */
    private static final int EXPIRED_ROWS = 37;

    private static String databaseUrl;
    private static TomcatNode a;
    private static TomcatNode b;
    private static CookieBrowser alice;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String selection = System.getProperty("it.nodes.selection", "");
        assumeTrue(System.getProperty("it.nodes.tomcat.home") != null,
                "runs in the it-nodes execution of the build only (it lays out Tomcats of its own)");
        assumeTrue(selection.isBlank() || selection.startsWith("${") || selection.contains("TwoNodes")
                || selection.contains("nodes"), "not among the ITs asked for: " + selection);
        databaseUrl = ContainerTestDatabase.read(Path.of(System.getProperty("it.nodes.cluster")))
                .getProperty(ContainerTestDatabase.NODES_DATABASE_URL);
        if (databaseUrl == null) {
            databaseUrl = PostgresCluster.shared().createDatabase("two_nodes");
        }
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        URI issuer = URI.create(Server.ISSUER);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("latchkey.db-url", databaseUrl);
        settings.put("latchkey.db-user", PostgresCluster.user());
        settings.put("latchkey.master-key", Base64.getEncoder().encodeToString(masterKey));
        settings.put("latchkey.dev-mode", "true");
        settings.put("latchkey.issuer", Server.ISSUER);
        settings.put("latchkey.import", System.getProperty("it.nodes.import"));
        Path home = Path.of(System.getProperty("it.nodes.tomcat.home"));
        Path war = Path.of(System.getProperty("it.nodes.war"));
        Path dir = Path.of(System.getProperty("it.nodes.dir"));
        a = new TomcatNode("a", home, war, dir, issuer.getPort(), settings);
        b = new TomcatNode("b", home, war, dir, Integer.getInteger("it.nodes.b.port"), settings);
        a.start();
        b.start();
        // Expired rows for the purge, and its lease given up, so the next tick of either node purges them.
        try (Connection db = database()) {
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO revoked_token (jti, revoked_at, expires_at) VALUES (?, ?, ?)")) {
                Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofDays(2)));
                for (int i = 0; i < EXPIRED_ROWS; i++) {
                    insert.setString(1, "two-nodes-expired-" + i);
                    insert.setTimestamp(2, longAgo);
                    insert.setTimestamp(3, longAgo);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement release = db.prepareStatement(
                    "UPDATE job_lease SET lease_until = ? WHERE name = ?")) {
                release.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
                release.setString(2, ExpiredRowsPurge.NAME);
                release.executeUpdate();
            }
            db.commit();
        }
        alice = new CookieBrowser();
        URI redirect = alice.signIn(Authorization.web(), Authorization.ALICE, Authorization.ALICE_PASSWORD);
        assertTrue(redirect.toString().startsWith(Authorization.WEB_CALLBACK), redirect::toString);
    }

    @AfterAll
    static void stopNodes() {
        for (TomcatNode node : new TomcatNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void bothNodesPublishTheSameKeys() throws Exception {
        HttpResponse<String> onA = get(a, "/oauth/jwks");
        HttpResponse<String> onB = get(b, "/oauth/jwks");
        assertEquals(200, onA.statusCode());
        assertEquals(kids(onA.body()), kids(onB.body()));
        assertEquals(2, kids(onA.body()).size(), "the current and the next key: " + onA.body());
        assertEquals(JSON.readTree(onA.body()), JSON.readTree(onB.body()));
    }

    @Test
    @Order(2)
    void aTokenIssuedByAIntrospectsOnB() throws Exception {
        String token = accessToken(a, Server.SERVICE_ID, Server.SERVICE_SECRET, "grant_type=client_credentials");
        JsonNode introspected = introspect(b, Server.SERVICE_ID, Server.SERVICE_SECRET, token);
        assertTrue(introspected.path("active").asBoolean(), introspected::toString);
        assertEquals(Server.SERVICE_ID, introspected.path("client_id").asText());
    }

    @Test
    @Order(3)
    void aBrowserSessionFromAIsValidOnB() throws Exception {
        assertTrue(alice.cookie(CookieBrowser.SESSION_COOKIE).isPresent(), "signed in on A");
        Authorization request = Authorization.web();
        HttpResponse<String> answer = alice.get(on(b, request.uri()));
        String location = CookieBrowser.seeOther(answer);
        assertTrue(location.startsWith(Authorization.WEB_CALLBACK + "?"),
                "B knows the session made on A and asks for no sign-in: " + location);
        String code = CookieBrowser.code(URI.create(location), request);
        HttpResponse<String> tokens = redeem(b, code, request);
        assertEquals(200, tokens.statusCode(), tokens::body);
    }

    @Test
    @Order(4)
    void theSameRefreshTokenOnBothAtOnceSucceedsExactlyOnceAndTheLoserRevokesTheFamily() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<String> lines = new ArrayList<>();
            for (int trial = 0; trial < REFRESH_TRIALS; trial++) {
                String refresh = JSON.readTree(redeemOk(a, alice)).path("refresh_token").asText();
                String body = "grant_type=refresh_token&refresh_token=" + Server.form(refresh);
                List<HttpResponse<String>> answers = atOnce(two, () -> token(a, Server.WEB_ID, Server.WEB_SECRET, body),
                        () -> token(b, Server.WEB_ID, Server.WEB_SECRET, body));
                List<HttpResponse<String>> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
                int t = trial;
                assertEquals(1, won.size(), () -> "trial " + t + ": " + answers.stream()
                        .map(r -> r.statusCode() + " " + r.body()).toList());
                HttpResponse<String> lost = answers.stream().filter(r -> r.statusCode() != 200).findFirst().orElseThrow();
                assertEquals(400, lost.statusCode(), lost::body);
                assertEquals("invalid_grant", JSON.readTree(lost.body()).path("error").asText(), lost::body);
                String successor = JSON.readTree(won.get(0).body()).path("refresh_token").asText();
                IssuedSecrets.remember(successor);
                HttpResponse<String> after = token(trial % 2 == 0 ? a : b, Server.WEB_ID, Server.WEB_SECRET,
                        "grant_type=refresh_token&refresh_token=" + Server.form(successor));
                assertEquals(400, after.statusCode(), () -> "trial " + t + ": the loser revoked the family, so the "
                        + "winner's new refresh token is refused: " + after.body());
                lines.add(answers.get(0).statusCode() + "/" + answers.get(1).statusCode());
            }
            System.out.println("refresh races (A/B): " + lines.stream().distinct()
                    .map(l -> l + " x" + lines.stream().filter(l::equals).count()).toList());
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    @Order(5)
    void theSameCodeOnBothAtOnceSucceedsAtMostOnce() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            int successes = 0;
            for (int trial = 0; trial < CODE_TRIALS; trial++) {
                Authorization request = Authorization.web();
                String code = CookieBrowser.code(URI.create(CookieBrowser.seeOther(alice.get(on(a, request.uri())))),
                        request);
                List<HttpResponse<String>> answers = atOnce(two, () -> redeem(a, code, request),
                        () -> redeem(b, code, request));
                long won = answers.stream().filter(r -> r.statusCode() == 200).count();
                int t = trial;
                assertTrue(won <= 1, () -> "trial " + t + ": a code redeemed twice: " + answers.stream()
                        .map(r -> r.statusCode() + " " + r.body()).toList());
                for (HttpResponse<String> answer : answers) {
                    if (answer.statusCode() != 200) {
                        assertEquals("invalid_grant", JSON.readTree(answer.body()).path("error").asText(), answer::body);
                    }
                }
                successes += (int) won;
            }
            assertTrue(successes > 0, "some code was redeemed at all");
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    @Order(6)
    void aKeyRotatedOnASignsOnBAfterItsPublicationDelay() throws Exception {
        String admin = accessToken(a, ADMIN_ID, ADMIN_SECRET, "grant_type=client_credentials&scope=latchkey%3Aadmin");
        JsonNode keys = JSON.readTree(call(a, "GET", "/api/admin/keys", admin).body()).path("items");
        String current = kidIn(keys, "current");
        String next = kidIn(keys, "next");
        // The next key was made when A first started, 15 minutes (the JWKS cache lifetime) before it may sign: moved
        // back in time so that it may sign 8 seconds from now.
        Duration delay = Duration.ofSeconds(8);
        try (Connection db = database();
             PreparedStatement backdate = db.prepareStatement("UPDATE signing_key SET created_at = ? WHERE kid = ?")) {
            backdate.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofMinutes(15)).plus(delay)));
            backdate.setString(2, next);
            assertEquals(1, backdate.executeUpdate());
            db.commit();
        }
        HttpResponse<String> rotated = call(a, "POST", "/api/admin/keys/rotate", admin);
        assertEquals(200, rotated.statusCode(), rotated::body);
        JsonNode scheduled = JSON.readTree(rotated.body()).path("items").get(0);
        assertEquals(next, scheduled.path("next_kid").asText(), rotated::body);
        Instant signsFrom = Instant.parse(scheduled.path("next_signs_from").asText());
        assertTrue(signsFrom.isAfter(Instant.now()), "not before its publication delay: " + rotated.body());

        assertEquals(current, kidOf(accessToken(b, Server.SERVICE_ID, Server.SERVICE_SECRET,
                "grant_type=client_credentials")), "B signs with the current key until the next one may sign");
        assertTrue(kids(get(b, "/oauth/jwks").body()).contains(next), "B publishes the next key");

        while (Instant.now().isBefore(signsFrom.plusMillis(200))) {
            TomcatNode.sleep(100);
        }
        String kidOnB = "";
        Instant deadline = Instant.now().plusSeconds(5);
        while (!kidOnB.equals(next) && Instant.now().isBefore(deadline)) {
            kidOnB = kidOf(accessToken(b, Server.SERVICE_ID, Server.SERVICE_SECRET, "grant_type=client_credentials"));
            TomcatNode.sleep(100);
        }
        assertEquals(next, kidOnB, "B signs with the rotated key within 5 s after its publication delay");
        assertEquals(next, kidOf(accessToken(a, Server.SERVICE_ID, Server.SERVICE_SECRET,
                "grant_type=client_credentials")), "and so does A");
        assertEquals(kids(get(a, "/oauth/jwks").body()), kids(get(b, "/oauth/jwks").body()));
        assertTrue(kids(get(b, "/oauth/jwks").body()).contains(current), "the old key is still published (retiring)");
    }

    @Test
    @Order(7)
    void thePurgeRunsOnExactlyOneNode() throws Exception {
        Instant deadline = Instant.now().plusSeconds(75);
        while (expiredRowsLeft() > 0 && Instant.now().isBefore(deadline)) {
            TomcatNode.sleep(500);
        }
        assertEquals(0, expiredRowsLeft(), "the purge ran within a tick (30 s) of its lease ending");
        TomcatNode.sleep(500);
        int runs = 0;
        for (TomcatNode node : List.of(a, b)) {
            runs += (int) Files.readAllLines(node.log(), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("purge of expired rows: deleted")
                            && line.contains(EXPIRED_ROWS + " revoked token ids"))
                    .count();
        }
        assertEquals(1, runs, "one node purged the rows, the other found the lease taken");
    }

    @Test
    @Order(8)
    void throttlingCountsTheFailuresMadeOnBothNodes() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        int braked = -1;
        for (int i = 0; i < 2 * CredentialThrottle.FREE_CLIENT_FAILURES + 4 && braked < 0; i++) {
            HttpResponse<String> answer = token(i % 2 == 0 ? a : b, Server.ODD_ID,
                    IssuedSecrets.remember("wrong-two-nodes-guess-" + i + "-0123456789"), "grant_type=client_credentials");
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                braked = i;
            }
        }
        assertTrue(braked >= 0, "never braked: " + statuses);
        int mostOnOneNode = (braked + 1) / 2;
        assertTrue(mostOnOneNode <= CredentialThrottle.FREE_CLIENT_FAILURES / 2 + 1,
                "braked after " + braked + " failures spread over both nodes, at most " + mostOnOneNode + " on either: "
                        + "neither alone saw the " + CredentialThrottle.FREE_CLIENT_FAILURES + " free ones (" + statuses
                        + ")");
        for (TomcatNode node : List.of(a, b)) {
            assertEquals(429, token(node, Server.ODD_ID, Server.ODD_SECRET, "grant_type=client_credentials")
                    .statusCode(), "both nodes brake: " + node.name());
        }
    }

    /**
     * {@code kill -9} of node B while refreshes and sign-ins run on both: A keeps answering, and after B is back every
     * refresh token and access token answered before the kill (by either node) still redeems or introspects, and every
     * session signed in before it still signs in without a password.
     */
    @Test
    @Order(9)
    void aNodeKilledUnderLoadLosesNothingItAnswered() throws Exception {
        int chains = 6;
        Map<Integer, String> latest = new ConcurrentHashMap<>();
        for (int chain = 0; chain < chains; chain++) {
            latest.put(chain, JSON.readTree(redeemOk(a, alice)).path("refresh_token").asText());
        }
        Set<Integer> inDoubt = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> accessTokens = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<CookieBrowser> sessions = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failuresOnA = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failuresOnB = new ConcurrentLinkedQueue<>();
        AtomicBoolean bAlive = new AtomicBoolean(true);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answeredByAAfterKill = new AtomicInteger();
        AtomicInteger answeredByB = new AtomicInteger();
        AtomicInteger signedInOnB = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(chains + 2);
        List<Future<?>> workers = new ArrayList<>();
        for (int chain = 0; chain < chains; chain++) {
            int c = chain;
            workers.add(load.submit(() -> {
                for (int i = 0; running.get() && !inDoubt.contains(c); i++) {
                    boolean toB = i % 2 == 1 && bAlive.get();
                    boolean killedBefore = !bAlive.get();
                    try {
                        HttpResponse<String> answer = token(toB ? b : a, Server.WEB_ID, Server.WEB_SECRET,
                                "grant_type=refresh_token&refresh_token=" + Server.form(latest.get(c)));
                        if (answer.statusCode() != 200) {
                            if (!toB) {
                                failuresOnA.add(answer.statusCode() + " " + answer.body());
                            }
                            inDoubt.add(c);
                            continue;
                        }
                        JsonNode tokens = JSON.readTree(answer.body());
                        latest.put(c, IssuedSecrets.remember(tokens.path("refresh_token").asText()));
                        accessTokens.add(IssuedSecrets.remember(tokens.path("access_token").asText()));
                        if (toB) {
                            answeredByB.incrementAndGet();
                        } else if (killedBefore) {
                            answeredByAAfterKill.incrementAndGet();
                        }
                    } catch (RuntimeException | IOException e) {
                        if (!toB) {
                            failuresOnA.add(e.toString());
                        }
                        inDoubt.add(c);
                    }
                }
                return null;
            }));
        }
        for (int w = 0; w < 2; w++) {
            int first = w;
            workers.add(load.submit(() -> {
                for (int i = first; running.get(); i++) {
                    boolean toB = i % 2 == 0 && bAlive.get();
                    try {
                        CookieBrowser browser = new CookieBrowser();
                        if (signInOn(toB ? b : a, browser)) {
                            sessions.add(browser);
                            if (toB) {
                                signedInOnB.incrementAndGet();
                            }
                        } else {
                            (toB ? failuresOnB : failuresOnA).add("a sign-in did not end at the application");
                        }
                    } catch (RuntimeException | AssertionError e) {
                        (toB ? failuresOnB : failuresOnA).add(e.toString());
                    }
                }
                return null;
            }));
        }
        // Load until both nodes have answered sign-ins (hashing a password takes a while on a busy machine).
        Instant loadDeadline = Instant.now().plusSeconds(60);
        TomcatNode.sleep(2000);
        while ((sessions.size() < 3 || signedInOnB.get() == 0) && Instant.now().isBefore(loadDeadline)) {
            TomcatNode.sleep(200);
        }
        int answeredBeforeKill = accessTokens.size();
        int sessionsBeforeKill = sessions.size();
        bAlive.set(false);
        b.kill();
        TomcatNode.sleep(3000);
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get();
        }
        load.shutdownNow();
        assertTrue(answeredByB.get() > 0 && answeredBeforeKill > 0 && sessionsBeforeKill > 0 && signedInOnB.get() > 0,
                "load on both nodes before the kill: " + answeredByB + " refreshes on B, " + sessionsBeforeKill
                        + " sign-ins (" + signedInOnB + " on B); failures on A " + failuresOnA + ", on B " + failuresOnB);
        assertEquals(List.of(), List.copyOf(failuresOnA), "A kept answering");
        assertTrue(answeredByAAfterKill.get() > 0, "A served refreshes after the kill");

        b.start();
        List<String> problems = new ArrayList<>();
        for (String token : accessTokens) {
            if (!introspect(b, Server.WEB_ID, Server.WEB_SECRET, token).path("active").asBoolean()) {
                problems.add("an access token no longer active");
            }
        }
        int redeemed = 0;
        for (Map.Entry<Integer, String> chain : latest.entrySet()) {
            if (inDoubt.contains(chain.getKey())) {
                continue;
            }
            HttpResponse<String> answer = token(b, Server.WEB_ID, Server.WEB_SECRET,
                    "grant_type=refresh_token&refresh_token=" + Server.form(chain.getValue()));
            if (answer.statusCode() == 200) {
                redeemed++;
            } else {
                problems.add("chain " + chain.getKey() + ": " + answer.body());
            }
        }
        for (CookieBrowser browser : sessions) {
            Authorization request = Authorization.web();
            String location = CookieBrowser.seeOther(browser.get(on(b, request.uri())));
            if (!location.startsWith(Authorization.WEB_CALLBACK + "?")) {
                problems.add("a session asked to sign in again: " + location);
            }
        }
        System.out.println("kill -9 of B: " + accessTokens.size() + " access tokens, " + redeemed + " refresh chains ("
                + inDoubt.size() + " with a request in flight at the kill left out), " + sessions.size()
                + " sessions checked after the restart; " + answeredByAAfterKill + " refreshes answered by A after the kill");
        assertEquals(List.of(), problems);
        assertTrue(redeemed > 0, "some refresh chain was not in flight at the kill");
    }

    // --- the client side: requests to one node or the other ---------------------------------------------------

    /** {@code uri} (made for the issuer, node A) sent to {@code node} instead: the load balancer's choice. */
    private static URI on(TomcatNode node, URI uri) {
        String text = uri.toString();
        assertTrue(text.startsWith(Server.ISSUER), text);
        return URI.create(node.base() + text.substring(Server.ISSUER.length()));
    }

    /** A whole sign-in with a password on {@code node}: authorize, login page, login, code, tokens. */
    private static boolean signInOn(TomcatNode node, CookieBrowser browser) throws IOException {
        Authorization request = Authorization.web();
        HttpResponse<String> answer = browser.get(on(node, request.uri()));
        String login = CookieBrowser.seeOther(answer);
        HttpResponse<String> page = browser.get(on(node, URI.create(login)));
        CookieBrowser.Form form = CookieBrowser.form(page);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", form.field("csrf"));
        fields.put("interaction", form.fields().get("interaction"));
        fields.put("username", Authorization.BOB);
        fields.put("password", Authorization.BOB_PASSWORD);
        HttpResponse<String> signedIn = browser.post(node.base() + "/login", fields);
        String next = CookieBrowser.seeOther(signedIn);
        if (next.startsWith(Server.ISSUER + "/consent")) {
            HttpResponse<String> consentPage = browser.get(on(node, URI.create(next)));
            CookieBrowser.Form consent = CookieBrowser.form(consentPage);
            next = CookieBrowser.seeOther(browser.post(node.base() + "/consent", Map.of("csrf", consent.field("csrf"),
                    "interaction", consent.field("interaction"), "decision", "allow")));
        }
        if (!next.startsWith(Authorization.WEB_CALLBACK + "?")) {
            return false;
        }
        return redeem(node, CookieBrowser.code(URI.create(next), request), request).statusCode() == 200;
    }

    /** A code for alice's session by an authorization request to {@code node}, redeemed there; the token response. */
    private static String redeemOk(TomcatNode node, CookieBrowser browser) {
        Authorization request = Authorization.web();
        String location = CookieBrowser.seeOther(browser.get(on(node, request.uri())));
        HttpResponse<String> tokens = redeem(node, CookieBrowser.code(URI.create(location), request), request);
        assertEquals(200, tokens.statusCode(), tokens::body);
        return tokens.body();
    }

    private static HttpResponse<String> redeem(TomcatNode node, String code, Authorization request) {
        return token(node, Server.WEB_ID, Server.WEB_SECRET, "grant_type=authorization_code&code=" + Server.form(code)
                + "&redirect_uri=" + Server.form(request.redirectUri())
                + "&code_verifier=" + Server.form(request.verifier().getValue()));
    }

    private static String accessToken(TomcatNode node, String id, String secret, String body) throws IOException {
        HttpResponse<String> answer = token(node, id, secret, body);
        assertEquals(200, answer.statusCode(), answer::body);
        return IssuedSecrets.remember(JSON.readTree(answer.body()).path("access_token").asText());
    }

    private static HttpResponse<String> token(TomcatNode node, String id, String secret, String body) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(node.base() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Server.basic(id, secret))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return answer;
    }

    private static JsonNode introspect(TomcatNode node, String id, String secret, String token) throws IOException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(node.base() + "/oauth/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Server.basic(id, secret))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + Server.form(token))).build());
        assertEquals(200, answer.statusCode(), answer::body);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> get(TomcatNode node, String path) {
        return send(HttpRequest.newBuilder(URI.create(node.base() + path)).GET().build());
    }

    private static HttpResponse<String> call(TomcatNode node, String method, String path, String bearer) {
        return send(HttpRequest.newBuilder(URI.create(node.base() + path)).header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Both requests released at the same instant, each on a thread of its own; their answers in order. */
    @SafeVarargs
    private static <T> List<T> atOnce(ExecutorService threads, Supplier<T>... requests) throws Exception {
        CountDownLatch ready = new CountDownLatch(requests.length);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> answers = new ArrayList<>();
        for (Supplier<T> request : requests) {
            answers.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                return request.get();
            }));
        }
        ready.await();
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> answer : answers) {
            out.add(answer.get());
        }
        return out;
    }

    private static Set<String> kids(String jwks) throws IOException {
        Set<String> kids = new HashSet<>();
        JSON.readTree(jwks).path("keys").forEach(key -> kids.add(key.path("kid").asText()));
        return kids;
    }

    private static String kidOf(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')))).path("kid").asText();
    }

    private static String kidIn(JsonNode keys, String state) {
        for (JsonNode key : keys) {
            if (key.path("state").asText().equals(state) && key.path("alg").asText().equals("RS256")) {
                return key.path("kid").asText();
            }
        }
        throw new AssertionError("no " + state + " key: " + keys);
    }

    private static int expiredRowsLeft() throws SQLException {
        try (Connection db = database();
             PreparedStatement count = db.prepareStatement(
                     "SELECT COUNT(*) FROM revoked_token WHERE jti LIKE 'two-nodes-expired-%'");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Connection database() throws SQLException {
        Connection connection = DriverManager.getConnection(databaseUrl, PostgresCluster.user(), "");
        connection.setAutoCommit(false);
        return connection;
    }
}

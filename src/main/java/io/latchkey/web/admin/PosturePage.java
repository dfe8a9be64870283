package io.latchkey.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.admin.ApplicationInput;
import io.latchkey.admin.ApplicationRepresentation;
import io.latchkey.admin.MergePatch;
import io.latchkey.admin.StrictJson;
import io.latchkey.audit.Actor;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.FormParameters;
import io.latchkey.error.Violation;
import io.latchkey.posture.Finding;
import io.latchkey.posture.PostureReview;
import io.latchkey.posture.Severity;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.TokenState;
import io.latchkey.token.IssuedReferenceTokens;
import io.latchkey.token.RefreshTokenFamilies;
import io.latchkey.web.LoginPage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/posture}: the posture review run now, its findings grouped by severity, each with what it is about,
 * the evidence, and its {@link PostureRemedy}: a one-click form ({@code POST /admin/posture/fix}) doing what the
 * finding's admin API call does, through the same commands, and the page where the operator decides otherwise. The
 * form names the finding (rule, subject, the fix's path) and the version the page showed; the review runs again and
 * only a finding still there is fixed, and a changed application is not (409, the page as it is now).
 */
@Singleton
@Path("admin/posture")
@Produces(MediaType.TEXT_HTML)
public final class PosturePage {
    static final String PATH = "/admin/posture";

    private final ConsoleAccess access;
    private final PostureReview review;
    private final ApplicationCatalog catalog;
    private final ApplicationCommands commands;
    private final IssuedReferenceTokens tokens;
    private final RefreshTokenFamilies families;

    @Inject
    public PosturePage(ConsoleAccess access, PostureReview review, ApplicationCatalog catalog,
                       ApplicationCommands commands, IssuedReferenceTokens tokens, RefreshTokenFamilies families) {
        this.access = access;
        this.review = review;
        this.catalog = catalog;
        this.commands = commands;
        this.tokens = tokens;
        this.families = families;
    }

    /** One finding as the page shows it. */
    public record Entry(Finding finding, PostureRemedy remedy, String version) {
        public String subjectKind() {
            return finding.subject().kind().wireName();
        }
    }

    /** The findings of one severity. */
    public record Group(String severity, List<Entry> entries) {
    }

    /** The findings grouped by severity, most urgent first; every severity present, empty ones included. */
    static List<Group> grouped(List<Finding> findings) {
        List<Group> groups = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            groups.add(new Group(severity.wireName(), findings.stream().filter(f -> f.severity() == severity)
                    .map(f -> new Entry(f, PostureRemedy.of(f),
                            f.fix().ifMatchVersion().map(String::valueOf).orElse(""))).toList()));
        }
        return groups;
    }

    @GET
    public Response posture(@Context HttpHeaders headers) {
        return access.page(headers, PATH, administrator -> page(administrator, Map.of(), 200));
    }

    @POST
    @Path("fix")
    @Consumes(MediaType.WILDCARD)
    public Response fix(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> fix(administrator, form,
                administrator.actor(request)));
    }

    private Response fix(ConsoleAccess.Administrator administrator, FormParameters form, Actor actor) {
        String rule = form.get("rule").orElse("");
        String subject = form.get("subject").orElse("");
        String path = form.get("fix").orElse("");
        long version = FormNumber.of(form.get("version").orElse(""));
        Optional<Finding> finding = review.review().findings().stream()
                .filter(f -> f.rule().equals(rule) && f.subject().kind() == Finding.Subject.Kind.APPLICATION
                        && f.subject().id().equals(subject) && f.fix().path().equals(path))
                .findFirst();
        if (finding.isEmpty()) {
            return page(administrator, Map.of("notice", "That finding is no longer there; here is the review as it "
                    + "is now."), 200);
        }
        Optional<PostureRemedy.Action> action = PostureRemedy.of(finding.get()).action();
        if (action.isEmpty()) {
            return page(administrator, Map.of("problem", "That finding has no one-click fix; open its page."), 400);
        }
        ApplicationCommands.Outcome outcome = switch (action.get()) {
            case PATCH -> patch(actor, subject, finding.get().fix(), version);
            case DISABLE -> commands.setEnabled(actor, subject, false, version);
            case RETIRE_SECRET -> commands.retireSecret(actor, subject,
                    PostureRemedy.secretId(path).orElseThrow());
            case REVOKE_TOKENS -> revokeTokens(actor, subject);
        };
        if (outcome instanceof ApplicationCommands.Done) {
            return page(administrator, Map.of("notice", "Fixed: " + finding.get().summary() + "."), 200);
        }
        if (outcome instanceof ApplicationCommands.VersionConflict) {
            return page(administrator, Map.of("problem", "Someone changed " + subject + " meanwhile; here is the "
                    + "review as it is now. Try again."), 409);
        }
        if (outcome instanceof ApplicationCommands.Invalid invalid) {
            return page(administrator, Map.of("problem", "The fix was refused: " + String.join(" ",
                    invalid.violations().stream().map(Violation::message).toList())), 400);
        }
        return page(administrator, Map.of("notice", "That finding is no longer there; here is the review as it "
                + "is now."), 200);
    }

    /** The finding's merge patch applied to the application as the admin API's PATCH applies it. */
    private ApplicationCommands.Outcome patch(Actor actor, String clientId, Finding.Fix fix, long version) {
        Optional<ApplicationView> view = catalog.find(clientId);
        if (view.isEmpty()) {
            return new ApplicationCommands.NotFound(clientId);
        }
        if (view.get().version() != version) {
            return new ApplicationCommands.VersionConflict(clientId, version, view.get().version());
        }
        ObjectNode current = (ObjectNode) StrictJson.tree(ApplicationRepresentation.of(view.get()));
        current.remove(ApplicationInput.READ_ONLY);
        current.remove("secret");
        JsonNode merged = MergePatch.apply(current, StrictJson.tree(fix.body().orElseThrow()));
        ApplicationDefinition definition = StrictJson.bind(merged, ApplicationInput.class).definition();
        return commands.update(actor, definition, version);
    }

    /** Every refresh token family of the application, then each of its live personal and service tokens. */
    private ApplicationCommands.Outcome revokeTokens(Actor actor, String clientId) {
        families.revokeAllOfApplication(actor, clientId);
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        IssuedReferenceTokens.Filter filter = new IssuedReferenceTokens.Filter(Optional.empty(),
                Optional.of(clientId), Optional.empty(), Optional.of(TokenState.ACTIVE));
        while (true) {
            Page<IssuedReferenceTokens.TokenRecord> page = tokens.list(filter, request);
            page.items().forEach(token -> tokens.revoke(actor, token.id()));
            if (page.nextAfterKey().isEmpty()) {
                return new ApplicationCommands.Done(clientId, 0, Optional.empty());
            }
            request = new PageRequest(page.nextAfterKey(), PageRequest.MAX_LIMIT);
        }
    }

    private Response page(ConsoleAccess.Administrator administrator, Map<String, Object> extra, int status) {
        PostureReview.Report report = review.review();
        Map<String, Object> model = new HashMap<>(extra);
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("csrf", administrator.csrf());
        model.put("reviewedAt", report.reviewedAt());
        model.put("groups", grouped(report.findings()));
        return ConsoleAccess.page("admin/posture", model, status);
    }

}

package io.latchkey.admin;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Every request under {@code /api/admin} no resource method serves, after the same authentication as the real
 * resources (so the API's shape is not shown to strangers): a 405 problem document with {@code Allow} when a
 * resource serves the path with other methods (Jersey tries this catch-all before answering 405 itself), else a
 * 404. JAX-RS prefers any resource with a longer literal path, so this never hides one. Not an operation of the API: the
 * OpenAPI document leaves it out.
 */
@Hidden
@AdminApi
@Path("api/admin{rest: (/.*)?}")
@Produces(MediaType.APPLICATION_JSON)
public final class UnknownAdminPathResource {
    @Context
    private ExtendedResourceContext resources;
    @Context
    private UriInfo uriInfo;

    @GET
    public void get() {
        throw nothingHere();
    }

    @HEAD
    public void head() {
        throw nothingHere();
    }

    @POST
    public void post() {
        throw nothingHere();
    }

    @PUT
    public void put() {
        throw nothingHere();
    }

    @PATCH
    public void patch() {
        throw nothingHere();
    }

    @DELETE
    public void delete() {
        throw nothingHere();
    }

    @OPTIONS
    public void options() {
        throw nothingHere();
    }

    private AdminProblem nothingHere() {
        Set<String> allowed = methodsServing("/" + uriInfo.getPath(false).replaceFirst("^/", ""));
        if (!allowed.isEmpty()) {
            allowed.add("OPTIONS");
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            return new AdminProblem(ProblemType.METHOD_NOT_ALLOWED, "this resource does not accept that method",
                    List.of(), Map.of(HttpHeaders.ALLOW, String.join(", ", allowed)));
        }
        return new AdminProblem(ProblemType.NOT_FOUND, "there is nothing at this address");
    }

    /** The HTTP methods the other resources serve at {@code path} (empty when none serves it). */
    private Set<String> methodsServing(String path) {
        Set<String> methods = new TreeSet<>();
        for (Resource root : resources.getResourceModel().getRootResources()) {
            if (root.getHandlerClasses().contains(UnknownAdminPathResource.class)) {
                continue;
            }
            collect(root, join("", root.getPath()), path, methods);
        }
        return methods;
    }

    private static void collect(Resource resource, String template, String path, Set<String> methods) {
        if (matches(template, path)) {
            resource.getResourceMethods().stream().map(ResourceMethod::getHttpMethod).forEach(methods::add);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, join(template, child.getPath()), path, methods);
        }
    }

    private static boolean matches(String template, String path) {
        Map<String, String> values = new HashMap<>();
        return new UriTemplate(template).match(path, values);
    }

    private static String join(String parent, String child) {
        String tail = child == null ? "" : child.replaceFirst("^/", "").replaceFirst("/$", "");
        String head = parent.replaceFirst("/$", "");
        return tail.isEmpty() ? (head.isEmpty() ? "/" : head) : head + "/" + tail;
    }
}

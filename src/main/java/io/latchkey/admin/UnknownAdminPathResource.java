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
import jakarta.ws.rs.core.MediaType;

/**
 * Every path under {@code /api/admin} no resource serves: a 404 problem document, whatever the method, after the
 * same authentication as the real resources (so the API's shape is not shown to strangers). JAX-RS prefers any
 * resource with a longer literal path, so this never hides one. Not an operation of the API: the OpenAPI document
 * leaves it out.
 */
@Hidden
@AdminApi
@Path("api/admin{rest: (/.*)?}")
@Produces(MediaType.APPLICATION_JSON)
public final class UnknownAdminPathResource {

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

    private static AdminProblem nothingHere() {
        return new AdminProblem(ProblemType.NOT_FOUND, "there is nothing at this address");
    }
}

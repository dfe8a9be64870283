package io.latchkey.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The admin API's refusals, answered as problem documents by {@link Problems}. */
@Provider
public final class AdminProblemMapper implements ExceptionMapper<AdminProblem> {
    @Context
    private HttpServletRequest request;

    @Override
    public Response toResponse(AdminProblem problem) {
        return Problems.of(problem, request);
    }
}

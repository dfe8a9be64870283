package io.latchkey.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.ws.rs.core.Response;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnexpectedExceptionMapperTest {

    @Test
    void anAbortedUploadIsA400InvalidRequest() {
        Response response = new UnexpectedExceptionMapper(null, null)
                .toResponse(new UncheckedIOException(new IOException("client went away", new EOFException())));
        assertEquals(400, response.getStatus());
        assertEquals("invalid_request", ((Map<?, ?>) response.getEntity()).get("error"));
    }

    @Test
    void anythingElseIsA500ServerError() {
        Response response = new UnexpectedExceptionMapper(null, null).toResponse(new IllegalStateException("bug"));
        assertEquals(500, response.getStatus());
        assertEquals("server_error", ((Map<?, ?>) response.getEntity()).get("error"));
    }

    @Test
    void findsTheConnectionFailureBehindWrappers() {
        IOException broken = new IOException(new EOFException());
        assertSame(broken, UnexpectedExceptionMapper.inputOutputFailure(
                new RuntimeException(new UncheckedIOException(broken))));
        assertNull(UnexpectedExceptionMapper.inputOutputFailure(new RuntimeException("no I/O")));
    }

    @Test
    void aDatabaseFailureIsNotTakenForTheClientsConnection() {
        RuntimeException database = new RuntimeException(new SQLException("disk", new IOException("No space left")));
        assertNull(UnexpectedExceptionMapper.inputOutputFailure(database));
        assertEquals(500, new UnexpectedExceptionMapper(null, null).toResponse(database).getStatus());
    }
}

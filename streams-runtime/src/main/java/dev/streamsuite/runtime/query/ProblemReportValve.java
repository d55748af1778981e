package dev.streamsuite.runtime.query;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error responses as problem+json with {@code X-Served-By}, instead of its HTML page. Tomcat
 * answers some requests itself, before Spring sees them: a request target with characters a URL must
 * percent-encode, an invalid percent-encoding or a NUL in the path. Errors Spring answers never get here
 * (their body is written already).
 */
public class ProblemReportValve extends ErrorReportValve {

    private final String servedBy;

    /** For Tomcat, which instantiates its host's error valve by class name if none is configured. */
    public ProblemReportValve() {
        this(null);
    }

    public ProblemReportValve(String servedBy) {
        this.servedBy = servedBy;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = status == 400
                ? "the request is malformed and was rejected before the API saw it: percent-encode reserved characters "
                        + "in the URL (a space as %20, '|' as %7C) with valid %XX escapes of UTF-8, and keep the headers "
                        + "under 8 KB"
                : title;
        try {
            // as Spring writes the API's own problems: no charset parameter (JSON is UTF-8), no default "type"
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            if (servedBy != null) {
                response.setHeader(ServedBy.HEADER, servedBy);
            }
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing left to tell it
        }
    }
}

package dev.streamsuite.runtime.query;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Sets {@code X-Served-By} on every {@code /api} response, errors included: this instance ({@link #defaultHeader()},
 * before anything answers), replaced by the instance(s) whose stores answered when the query layer recorded
 * them (a forwarded key, a gathered list).
 */
@ControllerAdvice
public class ServedBy implements ResponseBodyAdvice<Object> {

    public static final String HEADER = "X-Served-By";
    private static final String ATTRIBUTE = ServedBy.class.getName();

    private final String self;

    public ServedBy(QueryHosts hosts) {
        this.self = hosts.selfAddress();
    }

    /**
     * Sets this instance as the header before anything answers, so that answers no controller writes carry it too
     * (an {@code OPTIONS} reply); {@link #beforeBodyWrite} replaces it with the instance(s) whose stores answered.
     */
    public Filter defaultHeader() {
        return (request, response, chain) -> {
            if (response instanceof HttpServletResponse http) {
                http.setHeader(HEADER, self);
            }
            chain.doFilter(request, response);
        };
    }

    /** Records who answered this request. */
    public static void record(HttpServletRequest request, List<String> instances) {
        request.setAttribute(ATTRIBUTE, String.join(",", instances));
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servlet && servlet.getServletRequest().getRequestURI().startsWith("/api")) {
            Object recorded = servlet.getServletRequest().getAttribute(ATTRIBUTE);
            if (recorded != null) {
                response.getHeaders().set(HEADER, recorded.toString());
            }
        }
        return body;
    }
}

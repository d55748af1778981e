package dev.streamsuite.runtime.query;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Data answers are {@code application/json}. Negotiation alone would type them {@code application/problem+json} for
 * a client that accepts only that (the JSON converter writes any {@code application/*+json}), and a client that tells
 * errors by their type would read the data as an error.
 */
@ControllerAdvice
public class JsonAnswers implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        // byte[]: a forwarded answer, typed by its owner already
        if (MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(contentType) && !(body instanceof ProblemDetail)
                && !(body instanceof byte[])) {
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        }
        return body;
    }
}

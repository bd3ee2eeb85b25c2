package news.comments.support.web;

import jakarta.validation.ConstraintViolationException;
import java.util.Map;
import java.util.TreeMap;
import news.comments.support.json.SafeTextDeserializer;
import news.comments.support.json.StrictUtf8InputStream;
import news.comments.web.problem.ProblemException;
import news.comments.web.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error a service answers is an RFC 9457 problem with a stable {@code type}; internals (stack
 * traces, class names, SQL) never reach the client.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException exception) {
        return ResponseEntity.status(exception.status())
                .headers(exception.headers())
                .body(exception.toProblemDetail());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException exception) {
        return problem(ProblemException.badRequest(
                "'" + exception.getName() + "' is not a valid " + describe(exception.getRequiredType()) + "."));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException exception) {
        Map<String, String> errors = new TreeMap<>();
        exception
                .getConstraintViolations()
                .forEach(v -> errors.put(v.getPropertyPath().toString(), v.getMessage()));
        return problem(
                ProblemException.badRequest("The request has invalid values.").withProperty("errors", errors));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        log.error("Unexpected error", exception);
        return problem(new ProblemException(ProblemType.INTERNAL_ERROR, "An unexpected error occurred."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new TreeMap<>();
        exception
                .getBindingResult()
                .getFieldErrors()
                .forEach(error -> errors.putIfAbsent(error.getField(), error.getDefaultMessage()));
        exception
                .getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.putIfAbsent(error.getObjectName(), error.getDefaultMessage()));
        ProblemDetail problem = ProblemException.badRequest("The request body has invalid fields.")
                .withProperty("errors", errors)
                .toProblemDetail();
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                ProblemException.badRequest(unreadableBodyDetail(exception)).toProblemDetail();
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception exception, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body == null && exception instanceof org.springframework.web.ErrorResponse errorResponse) {
            body = errorResponse.getBody();
        }
        if (exception instanceof org.springframework.web.servlet.resource.NoResourceFoundException
                && body instanceof ProblemDetail problem) {
            problem.setDetail("There is nothing at this address.");
        }
        if (body instanceof ProblemDetail problem && isBlankType(problem)) {
            ProblemException standard = ProblemException.forStatus(status.value(), problem.getDetail());
            problem.setType(standard.type());
            problem.setTitle(standard.title());
        }
        return super.handleExceptionInternal(exception, body, headers, status, request);
    }

    /** Names the offending field where Jackson knows it, without echoing internals (types, classes). */
    private static String unreadableBodyDetail(HttpMessageNotReadableException exception) {
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StrictUtf8InputStream.MalformedUtf8Exception) {
                return "The request body is not well-formed UTF-8.";
            }
            if (cause instanceof StreamReadException read
                    && read.getOriginalMessage().startsWith("Duplicate")) {
                return "The request body has a field more than once.";
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return "Unknown field '" + printable(unknown.getPropertyName()) + "'.";
            }
            if (cause instanceof SafeTextDeserializer.UnsafeTextException unsafe) {
                return "Field '" + field(unsafe) + "' " + unsafe.getOriginalMessage()
                        + "; control characters other than tab, line feed and carriage return are not allowed.";
            }
            if (cause instanceof DatabindException databind
                    && !databind.getPath().isEmpty()) {
                return "Field '" + field(databind) + "' is missing a value or has a value of the wrong type or format.";
            }
        }
        return "The request body is missing, is not valid JSON, or has a value of the wrong type.";
    }

    private static String field(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(printable(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A client-chosen name goes back in the detail: keep it short and printable. */
    private static String printable(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return SafeTextDeserializer.firstForbidden(cut) < 0 ? cut : "(unprintable)";
    }

    private static boolean isBlankType(ProblemDetail problem) {
        return problem.getType() == null
                || "about:blank".equals(problem.getType().toString());
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        return type.getSimpleName();
    }
}

package news.comments.testsupport.contract;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The endpoints a Spring MVC service maps with {@code @RequestMapping}, as {@code "METHOD /pattern"}: what
 * its tests hold against the contract, so an endpoint added without documenting it fails the build.
 */
public final class MappedEndpoints {

    // Boot's error page: the servlet container forwards failed requests there; no client can call it.
    private static final String ERROR_PAGE = "/error";

    private MappedEndpoints() {}

    public static Set<String> of(RequestMappingHandlerMapping mapping) {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals(ERROR_PAGE)) {
                    continue;
                }
                if (methods.isEmpty()) {
                    endpoints.add("ANY " + pattern);
                }
                methods.forEach(method -> endpoints.add(method.name() + " " + pattern));
            }
        }
        return endpoints;
    }

    /** The mapped endpoints the contract does not document. */
    public static Set<String> undocumented(RequestMappingHandlerMapping mapping, OpenApiContract contract) {
        Set<String> undocumented = new TreeSet<>(of(mapping));
        undocumented.removeAll(contract.operationKeys());
        return undocumented;
    }
}

package news.comments.commentservice.common;

import java.util.List;
import news.comments.events.Reason;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Decision reasons are kept as a jsonb array of {code, text}. */
@Component
public class ReasonsJson {

    private static final TypeReference<List<Reason>> LIST_OF_REASONS = new TypeReference<>() {};

    private final JsonMapper mapper = JsonMapper.builder().build();

    public String write(List<Reason> reasons) {
        return mapper.writeValueAsString(reasons == null ? List.of() : reasons);
    }

    public List<Reason> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return mapper.readValue(json, LIST_OF_REASONS);
    }
}

package news.comments.moderationservice.rules;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a rule compiles from a list of the rule set (a pattern, a set of skeletons), kept by list: rule sets
 * change rarely, comments arrive often. Small: cleared when full, since only the lists in force are hot.
 */
final class ListCache<V> {

    private static final int LIMIT = 16;

    private final ConcurrentHashMap<List<String>, V> cache = new ConcurrentHashMap<>();
    private final Function<List<String>, V> compiler;

    ListCache(Function<List<String>, V> compiler) {
        this.compiler = compiler;
    }

    V get(List<String> list) {
        V cached = cache.get(list);
        if (cached != null) {
            return cached;
        }
        V compiled = compiler.apply(list);
        if (cache.size() >= LIMIT) {
            cache.clear();
        }
        cache.put(List.copyOf(list), compiled);
        return compiled;
    }
}

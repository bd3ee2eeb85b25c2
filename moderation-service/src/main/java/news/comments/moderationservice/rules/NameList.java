package news.comments.moderationservice.rules;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds an author name in a list of names: the whole name, compared by {@link TextNormalizer#skeleton} (so case,
 * width, invisible characters, marks and look-alike letters do not tell names apart), as stored and as shown
 * under a right-to-left override ({@link MatchText#forms}).
 */
public final class NameList {

    private static final ListCache<Set<String>> CACHE = new ListCache<>(names -> names.stream()
            .map(TextNormalizer::skeleton)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()));

    private NameList() {}

    public static boolean contains(MatchText name, List<String> names) {
        if (names.isEmpty()) {
            return false;
        }
        Set<String> skeletons = CACHE.get(names);
        return name.forms().stream().anyMatch(skeletons::contains);
    }
}

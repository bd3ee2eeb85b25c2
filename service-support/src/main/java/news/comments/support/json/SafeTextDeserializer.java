package news.comments.support.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every JSON string a service reads goes through here: only a JSON string is a string (a number or
 * object where text is expected is a wrong type), and text may not hold control characters other
 * than tab, line feed and carriage return (C0, DEL, C1, NUL) nor unpaired surrogates. Everything
 * else is kept exactly as sent; output escaping is the JSON encoder's job.
 */
public final class SafeTextDeserializer extends StdScalarDeserializer<String> {

    public SafeTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        if (!parser.hasToken(JsonToken.VALUE_STRING)) {
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
        String text = parser.getString();
        int bad = firstForbidden(text);
        if (bad >= 0) {
            throw new UnsafeTextException(
                    parser,
                    String.format("contains a forbidden character (U+%04X) at index %d", (int) text.charAt(bad), bad),
                    text);
        }
        return text;
    }

    /** Index of the first character that is not allowed in text, or -1. */
    public static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A string value with a forbidden character; the problem handler names the field. */
    public static final class UnsafeTextException extends InvalidFormatException {

        private static final long serialVersionUID = 1L;

        UnsafeTextException(JsonParser parser, String message, String value) {
            super(parser, message, value, String.class);
        }
    }
}

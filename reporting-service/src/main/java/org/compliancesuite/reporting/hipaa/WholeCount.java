package org.compliancesuite.reporting.hipaa;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;

/**
 * Reads a count of people, which must be written as a JSON integer. Jackson would otherwise truncate {@code 1.5} to
 * 1 (ACCEPT_FLOAT_AS_INT) and answer 400 for {@code true}; here a fraction, an exponent, a boolean, a string or an
 * integer beyond 32 bits is refused as a wrong value of the field (422 naming it), and a negative count is left to
 * the request's {@code @PositiveOrZero}. A breach notice cannot go to half a person, and a guessed conversion could
 * move a count across the 10 and 500 thresholds of 45 CFR 164.404 to 164.408.
 */
@RegisterForReflection
public class WholeCount extends StdDeserializer<Integer> {

    public WholeCount() {
        super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT) {
            return parser.getIntValue();
        }
        String written = parser.currentToken() != null && parser.currentToken().isScalarValue()
                ? parser.getText()
                : String.valueOf(parser.currentToken());
        throw InvalidFormatException.from(
                parser, "a count of people must be a whole JSON number", written, Integer.class);
    }
}

package org.compliancesuite.common.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.compliancesuite.common.problem.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses the NUL character at the edge. PostgreSQL text cannot hold it, so a NUL that reached a query would fail deep
 * inside a transaction; here a path segment or query parameter with one answers 400 and a JSON string with one 422,
 * before any work is done.
 */
@Singleton
public class UnstorableCharacters implements ObjectMapperCustomizer {

    @ServerRequestFilter(preMatching = true)
    public Response refuseInUri(ContainerRequestContext request) {
        boolean nul = request.getUriInfo().getPath().indexOf('\0') >= 0;
        for (Map.Entry<String, List<String>> parameter :
                request.getUriInfo().getQueryParameters().entrySet()) {
            nul |= parameter.getKey().indexOf('\0') >= 0
                    || parameter.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0);
        }
        if (!nul) {
            return null;
        }
        return ProblemMappers.build(
                        400,
                        "Bad Request",
                        "the path or a query parameter contains a NUL character",
                        "/"
                                + request.getUriInfo()
                                        .getPath()
                                        .replace('\0', '\uFFFD')
                                        .replaceFirst("^/", ""),
                        null,
                        null)
                .build();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("unstorable-characters");
        module.addDeserializer(String.class, new NulFreeString());
        mapper.registerModule(module);
    }

    /** Jackson's own string reading, then the NUL check; a refusal is an invalid value of the field. */
    static final class NulFreeString extends StdScalarDeserializer<String> {

        NulFreeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                return (String) context.handleWeirdStringValue(String.class, value, "must not contain NUL characters");
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }
}

package org.compliancesuite.catalog;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.compliancesuite.common.problem.Problem;
import org.compliancesuite.common.problem.ProblemException;

/** Builds the 422 that lists every field a request got wrong, so a client can fix them all at once. */
public final class Refusals {

    private Refusals() {}

    public static ProblemException unprocessable(List<Problem.FieldViolation> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return new ProblemException(422, "Unprocessable Content", detail, errors, Map.of());
    }
}

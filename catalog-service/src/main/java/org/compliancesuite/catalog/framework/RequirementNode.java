package org.compliancesuite.catalog.framework;

import java.util.List;

/** A requirement with its children, for the tree view of a framework. */
public record RequirementNode(
        String code,
        String title,
        String kind,
        boolean required,
        boolean assessable,
        String implementation,
        String category,
        List<RequirementNode> children) {}

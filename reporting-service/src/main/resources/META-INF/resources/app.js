// The reporting-service web dashboard. No external scripts: everything is drawn here, and every value from the API is
// written with textContent, never as HTML.
"use strict";

const TOKEN_KEY = "cs.reporting.token";
const SVG = "http://www.w3.org/2000/svg";
const DAY_MS = 86400000;
// Today and the 90 days before: 91 daily points, all on one page of the trend.
const TREND_DAYS = 91;
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
        if (k === "class") node.className = v;
        else if (k.startsWith("on")) node.addEventListener(k.substring(2), v);
        else node.setAttribute(k, v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c))));
    return node;
}

function token() {
    return sessionStorage.getItem(TOKEN_KEY);
}

class ApiError extends Error {
    constructor(status, detail) {
        super(detail);
        this.status = status;
    }
}

async function call(path, options) {
    const response = await fetch(path, {
        ...(options || {}),
        headers: { ...((options && options.headers) || {}), Authorization: "Bearer " + token() },
    });
    if (!response.ok) {
        let detail = response.status + " " + response.statusText;
        try {
            const problem = await response.json();
            detail = (problem.title || detail) + ": " + (problem.detail || "");
        } catch (ignored) {
            // Not a problem+json body; the status line says enough.
        }
        throw new ApiError(response.status, detail);
    }
    return response;
}

async function json(path) {
    return (await call(path)).json();
}

function showError(message) {
    $("error").textContent = message;
    $("error").hidden = !message;
}

function fmt(value, suffix) {
    return value == null ? "n/a" : value + (suffix || "");
}

// ---------- sign-in ----------

function signIn() {
    const value = $("token").value.trim().replace(/^Bearer\s+/i, "");
    if (!value) {
        showError("Paste a token first.");
        return;
    }
    sessionStorage.setItem(TOKEN_KEY, value);
    $("token").value = "";
    load();
}

function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    $("dashboard").hidden = true;
    $("session").hidden = true;
    $("sign-in-panel").hidden = false;
    showError("");
}

// ---------- dashboard ----------

async function load() {
    showError("");
    $("sign-in-panel").hidden = true;
    $("session").hidden = false;
    try {
        // The dashboard first: computing it records today's snapshot, which the trend then includes.
        const dashboard = await json("/api/v1/dashboard");
        const trend = await json(trendPath());
        render(dashboard, trend);
        $("dashboard").hidden = false;
    } catch (e) {
        if (e.status === 401) {
            signOut();
            showError("The token was not accepted (expired or not for this suite). Sign in again.");
        } else {
            showError(e.message);
        }
    }
}

/** The trend window asked for explicitly, with a page that holds every day of it (UTC days, as the service keeps). */
function trendPath() {
    const day = (ms) => new Date(ms).toISOString().substring(0, 10);
    const now = Date.now();
    return "/api/v1/dashboard/trend?from=" + day(now - (TREND_DAYS - 1) * DAY_MS) + "&to=" + day(now)
        + "&size=" + TREND_DAYS;
}

function render(d, trend) {
    $("as-of").textContent = "Data as of " + new Date(d.asOf).toLocaleString();
    $("overall-score").textContent = fmt(d.overall.score, " %");
    $("overall-status").textContent = d.overall.status;
    $("overall-status").className = "badge " + d.overall.status;
    $("overall-detail").textContent =
        d.overall.coveredRequirements + " of " + d.overall.applicableRequirements + " applicable requirements covered";
    $("scoring").textContent = d.scoring.formula + ". " + d.scoring.statusRule + ".";
    $("scope").textContent = d.scope.explicit
        ? "Frameworks in scope: " + d.scope.frameworks.join(", ")
            + (d.scope.notInCatalog.length ? " (no longer in the catalog: " + d.scope.notInCatalog.join(", ") + ")" : "")
        : "No framework scope chosen: every framework counts (" + d.scope.frameworks.join(", ") + ")";

    renderFrameworks(d.frameworks);
    renderTrend(trend);
    renderFigures(d);
    renderFindings(d.openFindings);
    renderStale(d.staleEvidence);
    renderDownloads(d.frameworks);
}

function renderFrameworks(frameworks) {
    const cards = $("frameworks");
    cards.replaceChildren();
    frameworks.forEach((f) => {
        const bar = el("div", { class: "bar" }, el("span"));
        bar.firstChild.style.width = (f.score || 0) + "%";
        const audit = f.nextAudit.nextAuditDate
            ? "Next audit " + f.nextAudit.nextAuditDate + (f.nextAudit.overdue ? " (overdue)" : "")
            : f.nextAudit.basis;
        const card = el(
            "div",
            { class: "card", "data-framework": f.frameworkId, tabindex: "0", onclick: () => drillDown(f, card) },
            el("strong", {}, f.name || f.frameworkId),
            el("div", { class: "score" }, fmt(f.score, " %")),
            bar,
            el("span", { class: "badge " + f.status }, f.status),
            el("small", {}, f.coveredRequirements + " of " + f.applicableRequirements + " covered"),
            el("small", {}, audit));
        cards.append(card);
    });
}

async function drillDown(f, card) {
    document.querySelectorAll(".card.selected").forEach((c) => c.classList.remove("selected"));
    card.classList.add("selected");
    $("drill-down").hidden = false;
    $("drill-title").textContent = (f.name || f.frameworkId) + ": records behind the score";
    const body = $("drill-body");
    body.replaceChildren(
        el("p", {}, "Requirement records: " + f.checklist),
        el("p", {}, "Evidence behind covered requirements: " + (f.evidenceIds.join(", ") || "none")),
        el("p", {}, "Not covered: " + (f.uncoveredRequirements.join(", ") || "none")),
        el("p", {}, "Loading gap analysis..."));
    try {
        const gaps = await json("/api/v1/reports/gaps/" + encodeURIComponent(f.frameworkId));
        body.lastChild.replaceWith(
            el("h3", {}, "Gaps"),
            table(
                ["Requirement", "Title", "Status", "Why", "Controls", "Evidence"],
                gaps.requirements.map((g) => [g.code, g.title, g.status, g.reasons.join(", "), g.controlIds.join(" "),
                    g.evidenceIds.join(" ")])),
            el("h3", {}, "Remediation plan"),
            table(
                ["Item", "Control", "What", "Owner", "Due", "Status"],
                gaps.remediationPlan.map((r) => [r.id, r.controlId, r.description, r.owner, r.dueDate,
                    r.status + (r.overdue ? " (overdue)" : "")])));
    } catch (e) {
        body.lastChild.textContent = "Gap analysis unavailable: " + e.message;
    }
}

function table(headers, rows) {
    return el(
        "table",
        {},
        el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))),
        el("tbody", {}, rows.length ? rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c == null ? "" : c))))
            : el("tr", {}, el("td", { colspan: String(headers.length) }, "none"))));
}

/**
 * The overall score per day on a 0..100 axis, drawn as SVG. Each day has its place on the time axis; a day without a
 * snapshot breaks the line and is never filled in.
 */
function renderTrend(trend) {
    const width = 760, height = 220, left = 40, right = 16, top = 12, bottom = 32;
    const plotW = width - left - right, plotH = height - top - bottom;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("width", "100%");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Overall score over time");
    const add = (tag, attrs, text) => {
        const node = document.createElementNS(SVG, tag);
        Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
        if (text != null) node.textContent = text;
        svg.append(node);
        return node;
    };
    [0, 25, 50, 75, 100].forEach((v) => {
        const y = top + plotH - (plotH * v) / 100;
        add("line", { x1: left, x2: width - right, y1: y, y2: y, stroke: "#e3e8ee" });
        add("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, v);
    });
    const dayOf = (date) => Math.round(Date.parse(date + "T00:00:00Z") / DAY_MS);
    const first = dayOf(trend.from), span = Math.max(1, dayOf(trend.to) - first);
    const x = (date) => left + (plotW * (dayOf(date) - first)) / span;
    const y = (v) => top + plotH - (plotH * v) / 100;
    const scored = trend.items.filter((p) => p.overallScore != null);
    if (scored.length === 0) {
        add("text", { x: left + plotW / 2, y: top + plotH / 2, "text-anchor": "middle" }, "No snapshots yet");
    } else {
        let previous = null;
        const path = scored.map((p) => {
            const day = dayOf(p.date);
            const step = previous !== null && day === previous + 1 ? "L" : "M";
            previous = day;
            return step + x(p.date).toFixed(1) + " " + y(p.overallScore).toFixed(1);
        });
        add("path", { d: path.join(" "), fill: "none", stroke: "#1b8a5a", "stroke-width": 2, class: "trend-line" });
        scored.forEach((p) => {
            const dot = add("circle", { cx: x(p.date), cy: y(p.overallScore), r: 3.5, fill: "#1b8a5a", class: "trend-point",
                "data-date": p.date });
            const title = document.createElementNS(SVG, "title");
            title.textContent = p.date + ": " + p.overallScore + " %";
            dot.append(title);
        });
    }
    add("text", { x: left, y: height - 10, "text-anchor": "start" }, trend.from);
    add("text", { x: width - right, y: height - 10, "text-anchor": "end" }, trend.to);
    $("trend").replaceChildren(svg);
    $("trend-gaps").textContent = trend.daysWithoutSnapshot === 0
        ? "A snapshot for every day of the period."
        : trend.daysWithoutSnapshot + " day(s) without a snapshot (nobody opened the dashboard): "
            + trend.gaps.map((g) => (g.days === 1 ? g.from : g.from + " to " + g.to)).join(", ") + ". Not filled in.";
}

function renderFigures(d) {
    const m = d.monitors;
    const identity = m.identity ? m.identity.figures : {};
    const source = (run) => (run ? "run " + run.runId + ", evidence " + run.evidenceId : "monitor has not run");
    const items = [
        ["MFA coverage", fmt(identity.mfaCoveragePercent, " %"), source(m.identity)],
        ["Inactive accounts", fmt(identity.inactiveAccounts), source(m.identity)],
        ["Privileged without MFA", fmt(identity.privilegedWithoutMfa), source(m.identity)],
        ["TLS endpoints failing", m.tls ? fmt(m.tls.figures.endpointsFailing) + " of " + fmt(m.tls.figures.endpointsChecked) : "n/a",
            source(m.tls)],
        ["Keys overdue for rotation", m.vaultKeys.keysOverdue + " of " + m.vaultKeys.keysChecked,
            m.vaultKeys.overdueKeys.join(", ") || "vault-service key metadata"],
        ["Training completion", d.training ? fmt(d.training.completionPercent, " %") : "n/a", source(d.training)],
        ["Remediation rate", fmt(d.remediation.ratePercent, " %"),
            d.remediation.closedItems + " of " + d.remediation.totalItems + " items, " + d.remediation.from + " to " + d.remediation.to
                + (d.remediation.closedAtUnknownItems ? "; " + d.remediation.closedAtUnknownItems + " done without a closing time, left out" : "")],
    ];
    $("figures").replaceChildren(...items.map(([label, value, from]) =>
        el("div", {}, el("dt", {}, label), el("dd", {}, value, el("small", {}, from)))));
}

function renderFindings(findings) {
    $("findings-total").textContent = "(" + findings.total + ")";
    $("findings-counts").textContent = Object.entries(findings.counts).map(([k, v]) => k + ": " + v).join(" · ");
    $("findings").tBodies[0].replaceChildren(...findings.items.map((f) =>
        el("tr", { class: "finding", title: findings.definitions[f.kind] || "" }, el("td", {}, f.kind),
            el("td", {}, f.id), el("td", {}, f.title), el("td", {}, (f.controlIds || []).join(" ")),
            el("td", {}, (f.evidenceIds || []).join(" ")), el("td", {}, f.record))));
}

function renderStale(stale) {
    $("stale-total").textContent = "(" + stale.total + ")";
    $("stale-rule").textContent = "One row per control: " + stale.definition + ".";
    $("stale").tBodies[0].replaceChildren(...stale.items.map((s) =>
        el("tr", {}, el("td", {}, s.controlId), el("td", {}, s.latestEvidenceId || "none collected"),
            el("td", {}, s.latestEvidenceState || ""), el("td", {}, s.collectedAt || ""), el("td", {}, s.freshUntil || ""))));
}

// ---------- downloads ----------

async function download(path, format, init) {
    showError("");
    try {
        const separator = path.includes("?") ? "&" : "?";
        const response = await call(path + separator + "format=" + format, init);
        const blob = await response.blob();
        const disposition = response.headers.get("Content-Disposition") || "";
        const match = /filename="([^"]+)"/.exec(disposition);
        const name = match ? match[1] : "report." + (format === "oscal" ? "oscal.json" : format);
        const url = URL.createObjectURL(blob);
        const a = el("a", { href: url, download: name });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
        showError("Download failed: " + e.message);
    }
}

function links(path, formats, init) {
    return formats.map((format) =>
        el("button", { type: "button", class: "link", "data-report": path, "data-format": format,
            onclick: () => download(typeof path === "function" ? path() : path, format, typeof init === "function" ? init() : init) },
            format.toUpperCase()));
}

function renderDownloads(frameworks) {
    const all = ["json", "csv", "pdf", "oscal"];
    const today = new Date().toISOString().substring(0, 10);
    const rows = [
        ["Dashboard", "/api/v1/dashboard", all],
        ["ISO 27001 Statement of Applicability", "/api/v1/reports/iso27001/soa", all],
        ["SOC 2 Type I as of today", "/api/v1/reports/soc2?type=type1&asOf=" + today, all],
        ["PCI DSS v4.0.1 status and checklist", "/api/v1/reports/pci-dss", all],
        ["Framework comparison", "/api/v1/reports/frameworks/comparison", ["json", "csv", "pdf"]],
        ...frameworks.map((f) => ["Gap analysis: " + (f.name || f.frameworkId),
            "/api/v1/reports/gaps/" + encodeURIComponent(f.frameworkId), all]),
    ];
    $("report-links").tBodies[0].replaceChildren(...rows.map(([name, path, formats]) =>
        el("tr", {}, el("td", {}, name), el("td", {}, links(path, formats)))));

    $("soc2-type2-links").replaceChildren(...links(
        () => "/api/v1/reports/soc2?type=type2&from=" + $("soc2-from").value + "&to=" + $("soc2-to").value, all));
    $("breach-links").replaceChildren(...links("/api/v1/reports/hipaa/breach-plan", ["json", "csv", "pdf"], breachRequest));
}

function breachRequest() {
    const affected = {};
    $("breach-states").value.split(",").map((s) => s.trim()).filter(Boolean).forEach((pair) => {
        const [state, count] = pair.split("=").map((s) => s.trim());
        affected[state] = /^-?\d+$/.test(count || "") ? Number(count) : count;
    });
    return {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
            discoveryDate: $("breach-date").value || null,
            affectedByState: affected,
            discoveredByBusinessAssociate: $("breach-ba").checked,
            missingContactCount: Number($("breach-missing").value || 0),
        }),
    };
}

$("sign-in").addEventListener("click", signIn);
$("sign-out").addEventListener("click", signOut);
$("refresh").addEventListener("click", load);
if (token()) {
    load();
}

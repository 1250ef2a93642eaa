package org.compliancesuite.vault.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which peer may tell us the client's address. X-Forwarded-For is a header anyone can send; it is believed only when
 * the connection comes from a configured proxy, and then read from the right, skipping further trusted proxies, so a
 * client cannot prepend a forged address.
 */
public final class TrustedProxies {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<Cidr> ranges;

    private record Cidr(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    public TrustedProxies(List<String> cidrs) {
        List<Cidr> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            String value = cidr.strip();
            if (value.isEmpty()) {
                continue;
            }
            String[] parts = value.split("/", 2);
            byte[] network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("TRUSTED_PROXIES: not an IP range: " + value);
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            parsed.add(new Cidr(network, prefix));
        }
        this.ranges = List.copyOf(parsed);
    }

    /** The client's address given the peer address and one X-Forwarded-For header line (may be null). */
    public String clientAddress(String peer, String forwardedFor) {
        return clientAddress(peer, forwardedFor == null ? List.of() : List.of(forwardedFor));
    }

    /**
     * The client's address given the peer address and every X-Forwarded-For header line in the order received. The
     * lines form one list (RFC 9110 section 5.3), each proxy appending to its end, so it is read from the right.
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (forwardedFor == null || forwardedFor.isEmpty() || !trusted(peer)) {
            return peer;
        }
        List<String> hops = forwardedFor.stream()
                .filter(line -> line != null)
                .flatMap(line -> Arrays.stream(line.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop) == null) {
                // A garbled entry cannot be attributed; the last trustworthy hop is the answer.
                return i == hops.size() - 1 ? peer : hops.get(i + 1);
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.getFirst();
    }

    private boolean trusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /** Parses an IP literal without ever resolving a name. */
    private static byte[] literal(String value) {
        if (value == null || !LITERAL.matcher(value).matches() || !(value.contains(".") || value.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

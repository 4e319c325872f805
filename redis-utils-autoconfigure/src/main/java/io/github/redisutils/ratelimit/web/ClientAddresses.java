/*
 * Copyright 2026 the redis-utils authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.redisutils.ratelimit.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Finds a request's client address. By default it is the peer's address: a client cannot
 * choose it. Behind proxies, the peer is the proxy; listing the proxies makes
 * {@code X-Forwarded-For} count, read from the right and skipping trusted proxies, so a
 * client that sends its own header cannot pass for another.
 *
 * @author redis-utils authors
 */
public final class ClientAddresses {

	private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

	private final List<Range> trusted;

	private ClientAddresses(List<Range> trusted) {
		this.trusted = trusted;
	}

	/**
	 * Use the peer address and ignore {@code X-Forwarded-For}.
	 * @return the client addresses
	 */
	public static ClientAddresses peerOnly() {
		return new ClientAddresses(List.of());
	}

	/**
	 * Trust {@code X-Forwarded-For} from the given proxies.
	 * @param proxies addresses or CIDR ranges, for example {@code 10.0.0.0/8} or
	 * {@code ::1}
	 * @return the client addresses
	 * @throws IllegalArgumentException if an entry is not an address or range
	 */
	public static ClientAddresses trusting(List<String> proxies) {
		List<Range> ranges = new ArrayList<>();
		for (String proxy : proxies) {
			String problem = problem(proxy);
			if (problem != null) {
				throw new IllegalArgumentException(problem);
			}
			ranges.add(Range.parse(proxy.trim()));
		}
		return new ClientAddresses(List.copyOf(ranges));
	}

	/**
	 * Return the client address of a request.
	 * @param peer the peer's address
	 * @param forwardedFor the values of {@code X-Forwarded-For}, in order
	 * @return the address, or {@code null} if unknown
	 */
	public @Nullable String clientIp(@Nullable String peer, List<String> forwardedFor) {
		if (peer == null || this.trusted.isEmpty() || !isTrusted(peer)) {
			return peer;
		}
		List<String> hops = new ArrayList<>();
		for (String header : forwardedFor) {
			for (String hop : header.split(",")) {
				if (!hop.isBlank()) {
					hops.add(hop.trim());
				}
			}
		}
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			client = hops.get(i);
			if (!isTrusted(client)) {
				break;
			}
		}
		return client;
	}

	private boolean isTrusted(String address) {
		byte[] bytes = bytes(address);
		return bytes != null && this.trusted.stream().anyMatch((range) -> range.contains(bytes));
	}

	static @Nullable String problem(@Nullable String proxy) {
		if (proxy == null || proxy.isBlank()) {
			return "must be an address or CIDR range, not empty";
		}
		String trimmed = proxy.trim();
		int slash = trimmed.indexOf('/');
		String address = (slash >= 0) ? trimmed.substring(0, slash) : trimmed;
		byte[] bytes = bytes(address);
		if (bytes == null) {
			return "'" + proxy + "' is not an IP address or CIDR range (host names are not accepted)";
		}
		if (slash >= 0) {
			try {
				int bits = Integer.parseInt(trimmed.substring(slash + 1));
				if (bits < 0 || bits > bytes.length * 8) {
					return "'" + proxy + "' has a prefix length outside 0-" + (bytes.length * 8);
				}
			}
			catch (NumberFormatException ex) {
				return "'" + proxy + "' has a prefix length that is not a number";
			}
		}
		return null;
	}

	private static byte @Nullable [] bytes(String address) {
		String literal = (address.startsWith("[") && address.endsWith("]")) ? address.substring(1, address.length() - 1)
				: address;
		// Only literals: InetAddress would resolve a host name through DNS.
		if (literal.isEmpty() || !LITERAL.matcher(literal).matches()
				|| (literal.indexOf(':') < 0 && literal.chars().filter((c) -> c == '.').count() != 3)) {
			return null;
		}
		try {
			return InetAddress.getByName(literal).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private record Range(byte[] network, int bits) {

		static Range parse(String text) {
			int slash = text.indexOf('/');
			byte[] network = bytes((slash >= 0) ? text.substring(0, slash) : text);
			int bits = (slash >= 0) ? Integer.parseInt(text.substring(slash + 1)) : network.length * 8;
			return new Range(network, bits);
		}

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			for (int bit = 0; bit < this.bits; bit++) {
				int mask = 0x80 >> (bit % 8);
				if ((address[bit / 8] & mask) != (this.network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}

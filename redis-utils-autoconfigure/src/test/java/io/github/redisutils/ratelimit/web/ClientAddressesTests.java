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

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Client addresses with and without trusted proxies.
 *
 * @author redis-utils authors
 */
class ClientAddressesTests {

	private final ClientAddresses trusting = ClientAddresses.trusting(List.of("10.0.0.0/8", "::1", "192.168.1.5"));

	@Test
	void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
		assertThat(ClientAddresses.peerOnly().clientIp("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("10.1.2.3");
	}

	@Test
	void aTrustedProxysForwardedAddressIsTheClient() {
		assertThat(this.trusting.clientIp("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
		assertThat(this.trusting.clientIp("::1", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
	}

	@Test
	void theHeaderIsReadFromTheRightSkippingTrustedProxies() {
		assertThat(this.trusting.clientIp("10.1.2.3", List.of("203.0.113.66, 198.51.100.1, 192.168.1.5")))
			.isEqualTo("198.51.100.1");
		assertThat(this.trusting.clientIp("10.1.2.3", List.of("203.0.113.66", "198.51.100.1, 10.9.9.9")))
			.isEqualTo("198.51.100.1");
	}

	@Test
	void anUntrustedPeerIsTheClientEvenWithAHeader() {
		assertThat(this.trusting.clientIp("198.51.100.7", List.of("10.0.0.1"))).isEqualTo("198.51.100.7");
	}

	@Test
	void aTrustedPeerWithoutAHeaderIsTheClient() {
		assertThat(this.trusting.clientIp("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
	}

	@Test
	void hostNamesAndBadRangesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.trusting(List.of("proxy.example.com")))
			.withMessageContaining("host names are not accepted");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.trusting(List.of("10.0.0.0/33")))
			.withMessageContaining("prefix length outside 0-32");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddresses.trusting(List.of("10.0.0/8")));
	}

}

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
package io.github.redisutils.blacklist;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TokenDescriptor}.
 *
 * @author redis-utils authors
 */
class TokenDescriptorTests {

	@Test
	void signedJwtIsDescribedByItsClaims() {
		Instant iat = Instant.ofEpochSecond(1_700_000_000);
		String jwt = TestJwts.sign("id-1", "alice", iat, iat.plusSeconds(300));
		assertThat(TokenDescriptor.parse(jwt))
			.isEqualTo(new TokenDescriptor("id-1", "alice", iat, iat.plusSeconds(300)));
	}

	@Test
	void jwtWithoutJtiIsKnownByItsHash() {
		Instant iat = Instant.ofEpochSecond(1_700_000_000);
		String jwt = TestJwts.sign(null, "alice", iat, iat.plusSeconds(300));
		TokenDescriptor token = TokenDescriptor.parse(jwt);
		assertThat(token.tokenId()).isEqualTo(TokenDescriptor.hash(jwt)).hasSize(64).matches("[0-9a-f]+");
		assertThat(token.subject()).isEqualTo("alice");
	}

	@Test
	void opaqueAndMalformedTokensAreKnownByTheirHashOnly() {
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8));
		for (String token : new String[] { "opaque", "a.b", "a.!!!.c", "a." + payload + ".c", "a.b.c.d.e" }) {
			assertThat(TokenDescriptor.parse(token)).isEqualTo(TokenDescriptor.ofId(TokenDescriptor.hash(token)));
		}
	}

	@Test
	void hashIsTheHexSha256OfTheToken() {
		assertThat(TokenDescriptor.hash("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void emptyIdsAreRejectedAndEmptySubjectsIgnored() {
		assertThatIllegalArgumentException().isThrownBy(() -> TokenDescriptor.ofId(""));
		assertThatIllegalArgumentException().isThrownBy(() -> TokenDescriptor.parse(""));
		assertThat(new TokenDescriptor("x", "", null, null).subject()).isNull();
	}

}

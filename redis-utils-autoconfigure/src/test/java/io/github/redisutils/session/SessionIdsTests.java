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
package io.github.redisutils.session;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionIds}.
 *
 * @author redis-utils authors
 */
class SessionIdsTests {

	@Test
	void idsCarry128RandomBitsAfterA96BitSlotTokenAndAreUrlSafe() {
		String id = SessionIds.id(SessionIds.newSlotToken(), SessionIds.newSecret());
		assertThat(id).hasSize(16 + 1 + 22).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
		assertThat(SessionIds.parse(id)).containsExactly(id.substring(0, 16), id.substring(17));
	}

	@Test
	void secretsDoNotRepeat() {
		Set<String> secrets = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			secrets.add(SessionIds.newSecret());
		}
		assertThat(secrets).hasSize(10_000);
	}

	@Test
	void malformedIdsDoNotParse() {
		assertThat(SessionIds.parse(null)).isNull();
		assertThat(SessionIds.parse("")).isNull();
		assertThat(SessionIds.parse("AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA")).isNull();
		assertThat(SessionIds.parse("AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAA")).isNull();
		assertThat(SessionIds.parse("AAAAAAAAAAAAAAAA-AAAAAAAAAAAAAAAAAAAAAA")).isNull();
		assertThat(SessionIds.parse("AAAAAAAAAAAAAAA}.AAAAAAAAAAAAAAAAAAAAAA")).isNull();
		assertThat(SessionIds.parse("AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAA/")).isNull();
	}

}

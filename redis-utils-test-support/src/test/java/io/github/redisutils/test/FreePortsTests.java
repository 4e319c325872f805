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

package io.github.redisutils.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of the port range and of handing a server's properties to a registry.
 */
class FreePortsTests {

	@Test
	void rangeDefaultsBelowTheEphemeralPortsAndCanBePinned() {
		assertThat(FreePorts.range(null)).containsExactly(10000, 22768);
		assertThat(FreePorts.range(" 30000-30100 ")).containsExactly(30000, 30101);
	}

	@Test
	void anUnusableRangeIsRefusedNamingTheProperty() {
		for (String spec : new String[] { "30000", "x-y", "500-900", "40000-30000", "50000-60000" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> FreePorts.range(spec))
				.withMessageStartingWith("redis-utils.test.ports must be '<lowest>-<highest>'")
				.withMessageEndingWith("but was '" + spec + "'");
		}
	}

	@Test
	void springPropertiesGoToADynamicPropertyRegistryShapedConsumer() {
		StandaloneRedis redis = RedisServers.standalone();
		Map<String, Object> registry = new LinkedHashMap<>();
		redis.springProperties((name, value) -> registry.put(name, value.get()));
		assertThat(redis.springProperties()).hasSize(registry.size());
		for (String property : redis.springProperties()) {
			String name = property.substring(0, property.indexOf('='));
			assertThat(registry).containsEntry(name, property.substring(name.length() + 1));
		}
		assertThat(registry.keySet()).allMatch((name) -> name.startsWith("spring.data.redis."));
	}

}

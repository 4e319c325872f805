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
package io.github.redisutils.core;

import java.util.List;
import java.util.Properties;

import io.github.redisutils.test.ClusterRedis;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RedisScripts} against real servers.
 *
 * @author redis-utils authors
 */
class RedisScriptsTests {

	private static final RedisScript<Long> ADD_TO_BOTH = RedisScripts.fromText("""
			-- KEYS[1], KEYS[2]: two counters of one hash tag; ARGV[1]: the amount to add to each
			redis.call('INCRBY', KEYS[1], ARGV[1])
			return redis.call('INCRBY', KEYS[2], ARGV[1])
			""", Long.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class));

	@Test
	void scriptFromResourceIsReadEagerly() {
		RedisScript<Long> script = RedisScripts.fromResource("io/github/redisutils/core/test-script.lua", Long.class);
		assertThat(script.getScriptAsString()).contains("return 42");
		assertThat(script.getSha1()).hasSize(40);
	}

	@Test
	void missingResourceFailsNamingIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RedisScripts.fromResource("io/github/redisutils/none.lua", Long.class))
			.withMessageContaining("'io/github/redisutils/none.lua' could not be read");
	}

	@Test
	void blankScriptFails() {
		assertThatIllegalStateException().isThrownBy(() -> RedisScripts.fromText("  ", Long.class))
			.withMessageContaining("is empty");
	}

	@Test
	void scriptsRunBySha1AndAreReloadedAfterAFlush() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			this.contextRunner.withPropertyValues(redis.springProperties()).run((context) -> {
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				List<String> keys = List.of("{c}:a", "{c}:b");
				template.execute((RedisCallback<Void>) (connection) -> {
					connection.scriptingCommands().scriptFlush();
					connection.serverCommands().resetConfigStats();
					return null;
				});
				assertThat(template.execute(ADD_TO_BOTH, keys, "2")).isEqualTo(2);
				assertThat(template.execute(ADD_TO_BOTH, keys, "3")).isEqualTo(5);
				assertThat(template.execute(ADD_TO_BOTH, keys, "4")).isEqualTo(9);
				Properties stats = template.execute(
						(RedisCallback<Properties>) (connection) -> connection.serverCommands().info("commandstats"));
				// The first EVALSHA answers NOSCRIPT, one EVAL loads the script, later
				// calls go by SHA-1.
				assertThat(stats.getProperty("cmdstat_evalsha")).startsWith("calls=3,");
				assertThat(stats.getProperty("cmdstat_eval")).startsWith("calls=1,");
			});
		}
	}

	@Test
	void keysOfOneHashTagRunInOneScriptOnCluster() {
		ClusterRedis cluster = RedisServers.cluster();
		RedisKeys.FeatureKeys keys = RedisKeys.withPrefix("scripts-test").feature("counter");
		this.contextRunner.withPropertyValues(cluster.springProperties()).run((context) -> {
			StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
			List<String> tagged = List.of(keys.tagged("orders", "a"), keys.tagged("orders", "b"));
			assertThat(template.execute(ADD_TO_BOTH, tagged, "1")).isPositive();
			List<String> untagged = List.of(keys.key("orders", "a"), keys.key("orders", "zz"));
			assertThatException().isThrownBy(() -> template.execute(ADD_TO_BOTH, untagged, "1"))
				.withStackTraceContaining("CROSSSLOT");
		});
	}

}

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
package io.github.redisutils.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link QueueSettings}.
 *
 * @author redis-utils authors
 */
class QueueSettingsTests {

	@Test
	void defaultsHaveNoProblem() {
		QueueSettings defaults = QueueSettings.defaults();
		assertThat(QueueSettings.problems(defaults.concurrency(), defaults.maxAttempts(), defaults.backoff().initial(),
				defaults.backoff().max(), defaults.visibilityTimeout(), defaults.completedRetention(),
				defaults.completedCount(), defaults.deadRetention(), defaults.deadCount()))
			.isEmpty();
	}

	@Test
	void everyRuleHasOneMessagePerField() {
		assertThat(QueueSettings.problems(-1, 0, Duration.ofSeconds(-1), Duration.ofSeconds(1), Duration.ofMillis(10),
				Duration.ofSeconds(-1), -1, Duration.ZERO, 0))
			.containsExactly(entry("concurrency", "must not be negative (0 means no workers) (was -1)"),
					entry("maxAttempts", "must be at least 1 (was 0)"),
					entry("backoffInitial", "must not be negative (was PT-1S)"),
					entry("visibilityTimeout",
							"must be at least 300ms: the heartbeat renews every third of it (was PT0.01S)"),
					entry("completedRetention", "must not be negative (was PT-1S)"),
					entry("completedCount", "must not be negative (was -1)"),
					entry("deadRetention", "must be positive (was PT0S)"),
					entry("deadCount", "must be at least 1 (was 0)"));
	}

	@Test
	void theBackoffsRulesAreTheBackoffsOwn() {
		assertThat(QueueSettings
			.problems(4, 3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ZERO, 0,
					Duration.ofDays(1), 1)
			.get("backoffMax")).isEqualTo(Backoff.problems(Duration.ofSeconds(2), Duration.ofSeconds(1)).get("max"));
	}

	@Test
	void theConstructorAndTheCopiesThrowTheMessagesOfProblems() {
		assertThatIllegalArgumentException().isThrownBy(() -> QueueSettings.defaults().withConcurrency(-1))
			.withMessage("Invalid queue settings: concurrency must not be negative (0 means no workers) (was -1)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QueueSettings.defaults().withVisibilityTimeout(Duration.ofMillis(299)))
			.withMessage("Invalid queue settings: visibilityTimeout must be at least 300ms: the heartbeat renews "
					+ "every third of it (was PT0.299S)");
	}

	@Test
	void copiesChangeOneValue() {
		QueueSettings defaults = QueueSettings.defaults();
		assertThat(defaults.withConcurrency(0).concurrency()).isZero();
		assertThat(defaults.withMaxAttempts(9)).isEqualTo(
				new QueueSettings(4, 9, defaults.backoff(), defaults.visibilityTimeout(), defaults.completedRetention(),
						defaults.completedCount(), defaults.deadRetention(), defaults.deadCount()));
		assertThat(defaults.withBackoff(new Backoff(Duration.ZERO, Duration.ZERO)).backoff().max()).isZero();
	}

}

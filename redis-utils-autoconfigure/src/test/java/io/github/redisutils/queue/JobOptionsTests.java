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
 * Tests for {@link JobOptions}.
 *
 * @author redis-utils authors
 */
class JobOptionsTests {

	@Test
	void unsetValuesAreAccepted() {
		assertThat(JobOptions.problems(JobPriority.NORMAL, null, null, null, null)).isEmpty();
	}

	@Test
	void theConstructorThrowsTheMessagesOfProblems() {
		assertThat(JobOptions.problems(JobPriority.LOW, Duration.ofSeconds(-1), 0, "", Duration.ZERO)).containsExactly(
				entry("delay", "must not be negative (was PT-1S)"), entry("maxAttempts", "must be at least 1 (was 0)"),
				entry("uniqueKey", "must not be empty"), entry("timeout", "must be positive (was PT0S)"));
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.defaults().withMaxAttempts(0))
			.withMessage("Invalid job options: maxAttempts must be at least 1 (was 0)");
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.defaults().withTimeout(Duration.ZERO))
			.withMessage("Invalid job options: timeout must be positive (was PT0S)");
	}

}

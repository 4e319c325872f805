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

/**
 * Tests for {@link Backoff}.
 *
 * @author redis-utils authors
 */
class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

	@Test
	void delayDoublesPerFailedAttemptUpToTheMaximum() {
		assertThat(Backoff.delayMillis(1000, 10_000, 1)).isEqualTo(1000);
		assertThat(Backoff.delayMillis(1000, 10_000, 2)).isEqualTo(2000);
		assertThat(Backoff.delayMillis(1000, 10_000, 4)).isEqualTo(8000);
		assertThat(Backoff.delayMillis(1000, 10_000, 5)).isEqualTo(10_000);
		assertThat(Backoff.delayMillis(1000, 10_000, Integer.MAX_VALUE)).isEqualTo(10_000);
	}

	@Test
	void jitterTakesOffAtMostHalf() {
		for (int i = 0; i < 1000; i++) {
			assertThat(this.backoff.delayAfter(2)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
		}
	}

	@Test
	void jitterSpreadsDelays() {
		assertThat(java.util.stream.IntStream.range(0, 100).mapToObj((i) -> this.backoff.delayAfter(3)).distinct())
			.hasSizeGreaterThan(10);
	}

	@Test
	void maximumShorterThanInitialIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
	}

}

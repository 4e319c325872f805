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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.redisutils.core.codec.ValueEncodingException;
import io.github.redisutils.test.RedisServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static io.github.redisutils.queue.QueueTestSupport.instances;
import static io.github.redisutils.queue.QueueTestSupport.queue;
import static io.github.redisutils.queue.QueueTestSupport.runInstances;
import static io.github.redisutils.queue.QueueTestSupport.uniquePrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Recurring jobs on a real Redis: one job per tick across instances, the catch-up of
 * ticks missed while no instance ran, configuration and registration.
 *
 * @author redis-utils authors
 */
class RecurringJobsTests {

	private static final String EVERY_SECOND = "* * * * * *";

	private static String[] schedule(String name, String cron) {
		return new String[] { "redis.queue.workers-enabled=false", "redis.queue.schedules." + name + ".cron=" + cron,
				"redis.queue.schedules." + name + ".queue=reports", "redis.queue.schedules." + name + ".type=digest",
				"redis.queue.schedules." + name + ".zone=UTC",
				"redis.queue.schedules." + name + ".payload.kind=daily" };
	}

	/**
	 * The ticks of the jobs in the queue, taken in order, from their unique keys.
	 */
	private static List<Long> ticks(JobQueue queue, String schedule) {
		List<Long> ticks = new ArrayList<>();
		for (Optional<ClaimedJob> job = queue.take(Duration.ZERO); job.isPresent(); job = queue.take(Duration.ZERO)) {
			JobInfo info = queue.find(job.get().context().id()).orElseThrow();
			assertThat(info.type()).isEqualTo("digest");
			assertThat(job.get().payload(Digest.class)).isEqualTo(new Digest("daily"));
			String unique = info.uniqueKey();
			assertThat(unique).startsWith("schedule:" + schedule + "@");
			ticks.add(Long.parseLong(unique.substring(unique.indexOf('@') + 1)));
			job.get().complete();
		}
		return ticks;
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.queue.QueueTestSupport#topologies")
	void threeInstancesEnqueueExactlyOneJobPerTick(String[] redis) {
		String prefix = uniquePrefix();
		runInstances(instances(redis, prefix, schedule("digest", EVERY_SECOND)), 3, (contexts) -> {
			Thread.sleep(4500);
			contexts.forEach((context) -> context.getBean(RecurringJobScheduler.class).stop());
			List<Long> ticks = ticks(queue(contexts.get(0), "reports"), "digest");
			System.out.println("QUEUE schedule: ticks fired by 3 instances in 4.5 s: " + ticks.size());
			assertThat(ticks).hasSizeBetween(3, 6).doesNotHaveDuplicates().isSorted();
			// Whole seconds apart: a loop that fell more than a tick behind (a stalled
			// machine) fires the latest due tick once, by the catch-up rule.
			for (int i = 1; i < ticks.size(); i++) {
				assertThat((ticks.get(i) - ticks.get(i - 1)) % 1000).as("ticks on whole seconds").isZero();
			}
			double fired = 0;
			for (AssertableApplicationContext context : contexts) {
				fired += QueueTestSupport.meter(context, "redis.queue.schedule.fired", "schedule", "digest");
			}
			assertThat(fired).isEqualTo(ticks.size());
		});
	}

	@Test
	void ticksMissedWhileNoInstanceRanFireOnceAtStartUp() throws Exception {
		String[] redis = RedisServers.standalone().springProperties();
		String prefix = uniquePrefix();
		instances(redis, prefix, schedule("digest", EVERY_SECOND)).run((first) -> Thread.sleep(2200));
		Thread.sleep(3500);
		instances(redis, prefix, schedule("digest", EVERY_SECOND)).run((second) -> {
			Thread.sleep(1600);
			second.getBean(RecurringJobScheduler.class).stop();
			List<Long> ticks = ticks(queue(second, "reports"), "digest");
			assertThat(ticks).doesNotHaveDuplicates().isSorted();
			List<Long> gaps = new ArrayList<>();
			for (int i = 1; i < ticks.size(); i++) {
				gaps.add(ticks.get(i) - ticks.get(i - 1));
			}
			System.out.println("QUEUE schedule: gaps between ticks around 3.5 s without instances: " + gaps);
			// One gap of the missed seconds (one job for all of them), every other tick
			// one second after the last.
			assertThat(gaps).filteredOn((gap) -> gap > 1000)
				.singleElement()
				.satisfies((gap) -> assertThat(gap).isBetween(3000L, 6000L));
			assertThat(gaps).filteredOn((gap) -> gap <= 1000).allSatisfy((gap) -> assertThat(gap).isEqualTo(1000));
		});
	}

	@Test
	void aNewScheduleDoesNotFireTicksBeforeItStarted() {
		String[] redis = RedisServers.standalone().springProperties();
		instances(redis, uniquePrefix(), "redis.queue.workers-enabled=false").run((context) -> {
			RecurringJobs schedules = context.getBean(RecurringJobs.class);
			JobQueue queue = queue(context, "reports");
			// Every hour: the tick of this hour has passed, the next is far.
			schedules.register("hourly",
					RecurringJob.of("reports", "digest", "0 0 * * * *").withZone(ZoneId.of("UTC")));
			assertThat(schedules.registered()).containsKey("hourly");
			Thread.sleep(1500);
			assertThat(queue.sizes().waiting()).isZero();
			schedules.register("fast", RecurringJob.of("reports", "digest", EVERY_SECOND).withPayload(new Digest("x")));
			Thread.sleep(2500);
			assertThat(queue.sizes().waiting()).isBetween(1L, 3L);
			assertThat(schedules.unregister("fast")).isTrue();
			long after = queue.sizes().waiting();
			Thread.sleep(1500);
			assertThat(queue.sizes().waiting()).isEqualTo(after);
		});
	}

	@Test
	void aScheduleThatFailsHoldsBackNoOther() {
		String[] redis = RedisServers.standalone().springProperties();
		instances(redis, uniquePrefix(), "redis.queue.workers-enabled=false").run((context) -> {
			DefaultJobQueue broken = (DefaultJobQueue) queue(context, "broken");
			// Another client wrote a string where the schedules' hash lives.
			new StringRedisTemplate(context.getBean(RedisConnectionFactory.class)).opsForValue()
				.set(broken.keys().schedules(), "not a hash");
			RecurringJobs schedules = context.getBean(RecurringJobs.class);
			schedules.register("a-broken", RecurringJob.of("broken", "digest", EVERY_SECOND));
			schedules.register("b-fine", RecurringJob.of("reports", "digest", EVERY_SECOND));
			schedules.register("c-fine", RecurringJob.of("reports", "digest", EVERY_SECOND));
			Thread.sleep(3000);
			assertThat(queue(context, "reports").sizes().waiting()).isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void aPayloadTheCodecCannotWriteIsRefusedAtRegistration() {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(), "redis.queue.workers-enabled=false")
			.run((context) -> assertThatExceptionOfType(ValueEncodingException.class)
				.isThrownBy(() -> context.getBean(RecurringJobs.class)
					.register("cyclic", RecurringJob.of("reports", "digest", EVERY_SECOND)
						.withPayload(new JobQueuePullTests.Cyclic()))));
	}

	@Test
	void anInvalidScheduleFailsStartUpNamingTheKey() {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(),
				"redis.queue.schedules.broken.cron=every day", "redis.queue.schedules.broken.queue=reports")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(BindValidationException.class)
					.hasMessageContaining("schedules[broken].cron")
					.hasMessageContaining("is not a cron expression")
					.hasMessageContaining("schedules[broken].type");
			});
	}

	@Test
	void switchedOffThereIsNoScheduler() {
		instances(RedisServers.standalone().springProperties(), uniquePrefix(), "redis.queue.schedules-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RecurringJobs.class));
	}

	@Test
	void anInvalidRecurringJobIsRefusedNamingWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> RecurringJob.of("reports", "digest", "61 * * * * *"))
			.withMessageContaining("'cron' is not a cron expression (61 * * * * *)");
		assertThatIllegalArgumentException().isThrownBy(() -> RecurringJob.of("", "digest", EVERY_SECOND))
			.withMessageContaining("'queue'");
	}

	record Digest(String kind) {

	}

}

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

package io.github.redisutils.maintenance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.redisutils.ApplicationInstances;
import io.github.redisutils.autoconfigure.RedisUtilsMaintenanceAutoConfiguration;
import io.github.redisutils.core.RedisUnavailableException;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RedisBackup} against real servers, standalone and Cluster: every type round
 * trips with its time to live (as values, and as DUMP payloads), existing keys are
 * skipped, replaced or failed, both TTL modes, a truncated and a corrupt file fail only
 * their records with line numbers, a backup restored into another prefix, outages and
 * stream failures as typed exceptions.
 *
 * @author redis-utils authors
 */
class RedisBackupTests {

	private static final List<String> NAMES = List.of("string", "hash", "list", "set", "zset", "stream", "empty-stream",
			"expiring", "{tag}binary");

	private static final byte[] BINARY = { (byte) 0xff, 0, (byte) 0xfe, 'x' };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ApplicationContextRunner runner(String[] redisProperties, String prefix) {
		return ApplicationInstances.runner(RedisUtilsMaintenanceAutoConfiguration.class, redisProperties, prefix);
	}

	private static String prefix() {
		return "backup-" + System.nanoTime();
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void everyTypeRoundTripsAsValuesWithItsTimeToLive(String[] redisProperties) {
		roundTrip(redisProperties, BackupOptions.defaults());
	}

	@ParameterizedTest
	@MethodSource("io.github.redisutils.ApplicationInstances#topologies")
	void everyTypeRoundTripsAsDumpPayloads(String[] redisProperties) {
		roundTrip(redisProperties, BackupOptions.defaults().withFormat(BackupFormat.DUMP).withScanCount(2));
	}

	private void roundTrip(String[] redisProperties, BackupOptions options) {
		String prefix = prefix();
		runner(redisProperties, prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			populate(redis, prefix);
			redis.opsForValue().set("other-" + prefix + ":string", "not ours");
			Map<String, Object> before = snapshot(redis, prefix);
			RedisBackup backup = context.getBean(RedisBackup.class);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			BackupSummary summary = backup.backup("*", out, options);
			assertThat(summary.keys()).isEqualTo(NAMES.size());
			assertThat(summary.bytes()).isEqualTo(out.size());
			assertThat(lines(out)).hasSize(NAMES.size() + 2);
			deleteAll(redis, prefix);
			RestoreSummary restored = backup.restore(new ByteArrayInputStream(out.toByteArray()));
			assertThat(restored.failures()).isEmpty();
			assertThat(restored.restored()).isEqualTo(NAMES.size());
			assertThat(restored.complete()).isTrue();
			assertThat(snapshot(redis, prefix)).isEqualTo(before);
			assertThat(redis.getExpire(prefix + ":expiring")).isBetween(50L, 60L);
			assertThat(redis.getExpire(prefix + ":string")).isEqualTo(-1);
			assertThat(redis.opsForValue().get("other-" + prefix + ":string")).isEqualTo("not ours");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("redis.maintenance.backup.keys").tag("outcome", "written").counter().count())
				.isEqualTo(NAMES.size());
			assertThat(meters.get("redis.maintenance.restore.keys").tag("outcome", "restored").counter().count())
				.isEqualTo(NAMES.size());
		});
	}

	@Test
	void valueRecordsAreSelfDescribingJsonLines() {
		String prefix = prefix();
		runner(RedisServers.standalone().springProperties(), prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			populate(redis, prefix);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			context.getBean(RedisBackup.class).backup("*", out);
			List<String> lines = lines(out);
			assertThat(JSON.readTree(lines.get(0)).path("format").asString()).isEqualTo("redis-utils-backup");
			assertThat(JSON.readTree(lines.get(lines.size() - 1)).path("keys").asLong()).isEqualTo(NAMES.size());
			tools.jackson.databind.JsonNode hash = lines.stream()
				.map(JSON::readTree)
				.filter((record) -> (prefix + ":hash").equals(record.path("key").asString(null)))
				.findFirst()
				.orElseThrow();
			assertThat(hash.path("type").asString()).isEqualTo("hash");
			assertThat(hash.path("ttlMillis").asLong()).isEqualTo(-1);
			assertThat(hash.path("value").path("a").asString()).isEqualTo("1");
			tools.jackson.databind.JsonNode binary = lines.stream()
				.map(JSON::readTree)
				.filter((record) -> "base64".equals(record.path("encoding").asString(null)))
				.findFirst()
				.orElseThrow();
			assertThat(binary.path("type").asString()).isEqualTo("string");
		});
	}

	@Test
	void aPatternSelectsKeysUnderThePrefix() {
		String prefix = prefix();
		runner(RedisServers.standalone().springProperties(), prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			redis.opsForValue().set(prefix + ":cache:a", "1");
			redis.opsForValue().set(prefix + ":cache:b", "2");
			redis.opsForValue().set(prefix + ":lock:c", "3");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			BackupSummary summary = context.getBean(RedisBackup.class).backup("cache:*", out);
			assertThat(summary.keys()).isEqualTo(2);
			assertThat(out.toString(StandardCharsets.UTF_8)).contains(prefix + ":cache:a")
				.doesNotContain(prefix + ":lock:c");
		});
	}

	@Test
	void existingKeysAreSkippedReplacedOrFailed() {
		String prefix = prefix();
		runner(RedisServers.standalone().springProperties(), prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			RedisBackup backup = context.getBean(RedisBackup.class);
			redis.opsForValue().set(prefix + ":kept", "backed up");
			redis.opsForValue().set(prefix + ":new", "backed up");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			backup.backup("*", out);
			redis.opsForValue().set(prefix + ":kept", "changed since");
			redis.delete(prefix + ":new");

			RestoreSummary skip = backup.restore(input(out), RestoreOptions.defaults());
			assertThat(skip.restored()).isEqualTo(1);
			assertThat(skip.skipped()).isEqualTo(1);
			assertThat(redis.opsForValue().get(prefix + ":kept")).isEqualTo("changed since");
			assertThat(redis.opsForValue().get(prefix + ":new")).isEqualTo("backed up");

			RestoreSummary fail = backup.restore(input(out),
					RestoreOptions.defaults().withExistingKeys(RestoreOptions.ExistingKeys.FAIL));
			assertThat(fail.failed()).isEqualTo(2);
			assertThat(fail.failures()).extracting(RestoreSummary.Failure::reason).containsOnly("key exists");
			assertThat(fail.failures()).extracting(RestoreSummary.Failure::line).containsExactlyInAnyOrder(2L, 3L);
			assertThat(redis.opsForValue().get(prefix + ":kept")).isEqualTo("changed since");

			redis.delete(prefix + ":new");
			redis.opsForList().rightPush(prefix + ":new", "another type");
			RestoreSummary replace = backup.restore(input(out),
					RestoreOptions.defaults().withExistingKeys(RestoreOptions.ExistingKeys.REPLACE));
			assertThat(replace.restored()).isEqualTo(2);
			assertThat(redis.opsForValue().get(prefix + ":kept")).isEqualTo("backed up");
			assertThat(redis.opsForValue().get(prefix + ":new")).isEqualTo("backed up");
		});
	}

	@Test
	void timesToLiveAreRelativeToTheBackupTimeOrKeptAsRemaining() {
		String prefix = prefix();
		runner(RedisServers.standalone().springProperties(), prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			RedisBackup backup = context.getBean(RedisBackup.class);
			redis.opsForValue().set(prefix + ":long", "1", Duration.ofSeconds(60));
			redis.opsForValue().set(prefix + ":short", "2", Duration.ofSeconds(10));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			backup.backup("*", out);
			byte[] thirtySecondsOld = withBackupTimeMovedBack(out, Duration.ofSeconds(30));
			deleteAll(redis, prefix);

			RestoreSummary elapsed = backup.restore(new ByteArrayInputStream(thirtySecondsOld),
					RestoreOptions.defaults());
			assertThat(elapsed.restored()).isEqualTo(1);
			assertThat(elapsed.expired()).isEqualTo(1);
			assertThat(redis.getExpire(prefix + ":long")).isBetween(20L, 30L);
			assertThat(redis.hasKey(prefix + ":short")).isFalse();

			deleteAll(redis, prefix);
			RestoreSummary remaining = backup.restore(new ByteArrayInputStream(thirtySecondsOld),
					RestoreOptions.defaults().withTtl(RestoreOptions.TtlMode.REMAINING_AT_BACKUP));
			assertThat(remaining.restored()).isEqualTo(2);
			assertThat(redis.getExpire(prefix + ":long")).isBetween(50L, 60L);
			assertThat(redis.getExpire(prefix + ":short")).isBetween(1L, 10L);
		});
	}

	@Test
	void aTruncatedBackupRestoresEveryWholeRecordAndFailsTheCutOne() {
		String prefix = prefix();
		runner(RedisServers.standalone().springProperties(), prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			RedisBackup backup = context.getBean(RedisBackup.class);
			for (int i = 0; i < 3; i++) {
				redis.opsForValue().set(prefix + ":k" + i, "value " + i);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			backup.backup("*", out);
			List<String> lines = lines(out);
			String cut = String.join("\n", lines.subList(0, 3)) + "\n" + lines.get(3).substring(0, 10);
			deleteAll(redis, prefix);
			RestoreSummary summary = backup.restore(input(cut));
			assertThat(summary.restored()).isEqualTo(2);
			assertThat(summary.failed()).isEqualTo(1);
			assertThat(summary.complete()).as("no end line").isFalse();
			assertThat(summary.failures()).singleElement().satisfies((failure) -> {
				assertThat(failure.line()).isEqualTo(4);
				assertThat(failure.reason()).contains("corrupt or truncated");
			});
		});
	}

	@Test
	void aCorruptLineFailsOnlyItsRecordWithItsLineNumber() {
		String prefix = prefix();
		runner(RedisServers.standalone().springProperties(), prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			RedisBackup backup = context.getBean(RedisBackup.class);
			for (int i = 0; i < 4; i++) {
				redis.opsForValue().set(prefix + ":k" + i, "value " + i);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			backup.backup("*", out);
			List<String> lines = new ArrayList<>(lines(out));
			lines.set(2, "{\"key\": ");
			lines.set(3,
					"{\"key\":\"" + prefix + ":x\",\"type\":\"zset\",\"ttlMillis\":-1,\"value\":[[\"m\",\"high\"]]}");
			lines.set(4, "{\"key\":\"elsewhere:y\",\"type\":\"string\",\"ttlMillis\":-1,\"value\":\"v\"}");
			deleteAll(redis, prefix);
			List<RestoreProgress> progress = new CopyOnWriteArrayList<>();
			RestoreSummary summary = backup.restore(input(String.join("\n", lines) + "\n"),
					RestoreOptions.defaults().withProgress(progress::add).withProgressEvery(2, Duration.ofHours(1)));
			assertThat(summary.restored()).isEqualTo(1);
			assertThat(summary.failed()).isEqualTo(3);
			assertThat(summary.complete()).isTrue();
			assertThat(summary.failures()).extracting(RestoreSummary.Failure::line).containsExactly(3L, 4L, 5L);
			assertThat(summary.failures().get(0).reason()).contains("not JSON");
			assertThat(summary.failures().get(1).reason()).contains("score").contains("no number");
			assertThat(summary.failures().get(1).key()).isEqualTo(prefix + ":x");
			assertThat(summary.failures().get(2).reason()).contains("not under the backup's prefix");
			assertThat(redis.hasKey(prefix + ":x")).isFalse();
			assertThat(progress).hasSizeGreaterThanOrEqualTo(3);
			assertThat(progress.get(progress.size() - 1).failed()).isEqualTo(3);
		});
	}

	@Test
	void aBackupRestoresIntoAnotherPrefix() {
		String prefix = prefix();
		String target = prefix + "-copy";
		runner(RedisServers.standalone().springProperties(), prefix).run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			RedisBackup backup = context.getBean(RedisBackup.class);
			populate(redis, prefix);
			Map<String, Object> before = snapshot(redis, prefix);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			backup.backup("*", out);
			RestoreSummary summary = backup.restore(input(out), RestoreOptions.defaults().withTargetPrefix(target));
			assertThat(summary.restored()).isEqualTo(NAMES.size());
			assertThat(snapshot(redis, target)).isEqualTo(before);
			assertThat(snapshot(redis, prefix)).isEqualTo(before);
		});
	}

	@Test
	void inputThatIsNoBackupFailsTheRestore() {
		runner(RedisServers.standalone().springProperties(), prefix()).run((context) -> {
			RedisBackup backup = context.getBean(RedisBackup.class);
			assertThatExceptionOfType(BackupException.class).isThrownBy(() -> backup.restore(input("")))
				.withMessageContaining("empty");
			assertThatExceptionOfType(BackupException.class).isThrownBy(() -> backup.restore(input("{\"a\":1}\n")))
				.withMessageContaining("line 1")
				.withMessageContaining("no backup header");
			assertThatExceptionOfType(BackupException.class)
				.isThrownBy(() -> backup
					.restore(input("{\"format\":\"redis-utils-backup\",\"version\":99,\"prefix\":\"p\"}\n")))
				.withMessageContaining("version 99");
		});
	}

	@Test
	void aFailingStreamIsABackupException() {
		String prefix = prefix();
		runner(RedisServers.standalone().springProperties(), prefix).run((context) -> {
			context.getBean(StringRedisTemplate.class).opsForValue().set(prefix + ":k", "v");
			OutputStream failing = new OutputStream() {
				@Override
				public void write(int b) throws IOException {
					throw new IOException("disk full");
				}
			};
			assertThatExceptionOfType(BackupException.class)
				.isThrownBy(() -> context.getBean(RedisBackup.class).backup("*", failing))
				.withMessageContaining("disk full");
		});
	}

	@Test
	void anOutageIsRedisUnavailable() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			String prefix = prefix();
			runner(redis.springProperties(), prefix).withPropertyValues("spring.data.redis.timeout=300ms")
				.run((context) -> {
					RedisBackup backup = context.getBean(RedisBackup.class);
					context.getBean(StringRedisTemplate.class).opsForValue().set(prefix + ":k", "v");
					ByteArrayOutputStream out = new ByteArrayOutputStream();
					backup.backup("*", out);
					redis.pause();
					try {
						assertThatExceptionOfType(RedisUnavailableException.class)
							.isThrownBy(() -> backup.backup("*", new ByteArrayOutputStream()));
						assertThatExceptionOfType(RedisUnavailableException.class)
							.isThrownBy(() -> backup.restore(input(out)));
					}
					finally {
						redis.resume();
					}
				});
		}
	}

	private static void populate(StringRedisTemplate redis, String prefix) {
		redis.opsForValue().set(prefix + ":string", "text with \"quotes\" and ünïcode");
		redis.opsForHash().putAll(prefix + ":hash", Map.of("a", "1", "b", "two"));
		redis.opsForList().rightPushAll(prefix + ":list", "x", "y", "x");
		redis.opsForSet().add(prefix + ":set", "m", "n");
		redis.opsForZSet().add(prefix + ":zset", "half", 0.5);
		redis.opsForZSet().add(prefix + ":zset", "tenth", 0.1);
		redis.opsForZSet().add(prefix + ":zset", "low", Double.NEGATIVE_INFINITY);
		redis.opsForZSet().add(prefix + ":zset", "high", Double.POSITIVE_INFINITY);
		String stream = prefix + ":stream";
		redis.opsForStream().add(MapRecord.create(stream, Map.of("f", "1")).withId(RecordId.of("1-1")));
		redis.opsForStream().add(MapRecord.create(stream, Map.of("f", "2", "g", "3")).withId(RecordId.of("2-1")));
		redis.opsForStream().add(MapRecord.create(stream, Map.of("f", "4")).withId(RecordId.of("3-1")));
		redis.opsForStream().delete(stream, RecordId.of("3-1"));
		String empty = prefix + ":empty-stream";
		redis.opsForStream().add(MapRecord.create(empty, Map.of("f", "1")).withId(RecordId.of("5-0")));
		redis.opsForStream().delete(empty, RecordId.of("5-0"));
		redis.opsForValue().set(prefix + ":expiring", "soon", Duration.ofSeconds(60));
		byte[] binaryKey = (prefix + ":{tag}binary").getBytes(StandardCharsets.UTF_8);
		redis.execute((RedisCallback<Object>) (connection) -> connection.stringCommands().set(binaryKey, BINARY));
	}

	/**
	 * Every key of {@link #NAMES} read into comparable Java values.
	 */
	private static Map<String, Object> snapshot(StringRedisTemplate redis, String prefix) {
		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("string", redis.opsForValue().get(prefix + ":string"));
		snapshot.put("hash", redis.opsForHash().entries(prefix + ":hash"));
		snapshot.put("list", redis.opsForList().range(prefix + ":list", 0, -1));
		snapshot.put("set", redis.opsForSet().members(prefix + ":set"));
		List<String> zset = new ArrayList<>();
		for (TypedTuple<String> tuple : redis.opsForZSet().rangeWithScores(prefix + ":zset", 0, -1)) {
			zset.add(tuple.getValue() + "=" + tuple.getScore());
		}
		snapshot.put("zset", zset);
		for (String stream : List.of("stream", "empty-stream")) {
			String key = prefix + ":" + stream;
			if (Boolean.TRUE.equals(redis.hasKey(key))) {
				List<String> entries = new ArrayList<>();
				for (MapRecord<String, Object, Object> entry : redis.opsForStream().range(key, Range.unbounded())) {
					entries.add(entry.getId() + "=" + new java.util.TreeMap<>(entry.getValue()));
				}
				snapshot.put(stream, entries + " last " + redis.opsForStream().info(key).lastGeneratedId());
			}
			else {
				snapshot.put(stream, "missing");
			}
		}
		snapshot.put("expiring", redis.opsForValue().get(prefix + ":expiring"));
		byte[] binaryKey = (prefix + ":{tag}binary").getBytes(StandardCharsets.UTF_8);
		byte[] binary = redis
			.execute((RedisCallback<byte[]>) (connection) -> connection.stringCommands().get(binaryKey));
		snapshot.put("{tag}binary", (binary != null) ? Arrays.toString(binary) : null);
		return snapshot;
	}

	private static void deleteAll(StringRedisTemplate redis, String prefix) {
		for (String name : NAMES) {
			redis.delete(prefix + ":" + name);
		}
		for (String name : List.of("kept", "new", "long", "short", "k0", "k1", "k2", "k3")) {
			redis.delete(prefix + ":" + name);
		}
	}

	private static byte[] withBackupTimeMovedBack(ByteArrayOutputStream out, Duration by) {
		List<String> lines = new ArrayList<>(lines(out));
		ObjectNode header = (ObjectNode) JSON.readTree(lines.get(0));
		header.put("backupTimeMillis", header.path("backupTimeMillis").asLong() - by.toMillis());
		lines.set(0, JSON.writeValueAsString(header));
		return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
	}

	private static List<String> lines(ByteArrayOutputStream out) {
		return out.toString(StandardCharsets.UTF_8).lines().toList();
	}

	private static ByteArrayInputStream input(ByteArrayOutputStream out) {
		return new ByteArrayInputStream(out.toByteArray());
	}

	private static ByteArrayInputStream input(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}

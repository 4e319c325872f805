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

package io.github.redisutils.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.github.redisutils.actuate.RedisServerMetrics;
import io.github.redisutils.blacklist.TokenBlacklist;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.pubsub.RedisPubSub;
import io.github.redisutils.queue.JobHandlers;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every meter of every feature, scraped through Micrometer's Prometheus registry: the
 * names survive unchanged (dots become underscores, counters gain {@code _total}, timers
 * {@code _seconds}), none ends in a suffix Prometheus reserves, and none is a ratio.
 *
 * @author redis-utils authors
 */
class PrometheusMeterNamesTests {

	/**
	 * A Prometheus series name of the library: its meters and Micrometer's cache meters.
	 */
	private static final Pattern SERIES = Pattern.compile("\\b(?:redis|cache)_[a-z0-9_]+");

	/** A PromQL grouping: {@code by (policy, outcome)}. */
	private static final Pattern GROUPING = Pattern.compile("\\bby \\(([^)]*)\\)");

	/** A PromQL label matcher: {@code outcome="hit"}. */
	private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(?:=~|!=|!~|=)\\s*\"");

	/** A label in a Grafana legend: {@code {{queue}}}. */
	private static final Pattern LEGEND = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

	/** A label of a scraped series: {@code cache="products",}. */
	private static final Pattern SCRAPED_LABEL = Pattern.compile("([a-z_]+)=\"");

	private static final List<String> RESERVED_SUFFIXES = List.of("_total", "_created", "_count", "_sum", "_bucket",
			"_info");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
				RedisUtilsCacheAutoConfiguration.class, RedisUtilsLockAutoConfiguration.class,
				RedisUtilsRateLimitAutoConfiguration.class, RedisUtilsSessionAutoConfiguration.class,
				RedisUtilsBlacklistAutoConfiguration.class, RedisUtilsPubSubAutoConfiguration.class,
				RedisUtilsQueueAutoConfiguration.class, CacheMetricsAutoConfiguration.class,
				RedisUtilsCacheMetricsAutoConfiguration.class, RedisUtilsServerMetricsAutoConfiguration.class))
		.withBean(PrometheusMeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
		.withPropertyValues(RedisServers.standalone().springProperties())
		.withPropertyValues("redis.key-prefix=prom-" + UUID.randomUUID().toString().substring(0, 8),
				"redis.cache.cache-names=products", "redis.rate-limit.policies.api.limit=10",
				"redis.rate-limit.policies.api.window=1m", "redis.queue.queues.mail.concurrency=1",
				"redis.queue.schedules.digest.cron=0 0 3 * * *", "redis.queue.schedules.digest.queue=mail",
				"redis.queue.schedules.digest.type=send");

	@Test
	void everyMeterKeepsItsNameThroughThePrometheusRegistry() {
		this.contextRunner.run((context) -> {
			String scrape = useEveryFeatureAndScrape(context);
			PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
			Set<String> checked = new TreeSet<>();
			for (Meter meter : registry.getMeters()) {
				String name = meter.getId().getName();
				if (!name.startsWith("redis.") && !name.startsWith("cache.")) {
					continue;
				}
				assertThat(name).as("meter name").matches("[a-z0-9]+(\\.[a-z0-9]+)*");
				assertThat(name).as("ratio gauges are derived, not exported").doesNotContain("ratio");
				String base = name.replace('.', '_');
				assertThat(RESERVED_SUFFIXES).as(name).noneMatch(base::endsWith);
				assertThat(scrape).as("scrape of " + name).containsPattern("(?m)^" + base + "(_total|_seconds)?[{ _]");
				checked.add(name);
			}
			assertThat(checked).contains("cache.gets", "redis.lock.acquire", "redis.rate.limit.decisions",
					"redis.session.creations", "redis.session.destructions", "redis.token.blacklist.checks",
					"redis.token.blacklist.revocations", "redis.pubsub.published", "redis.queue.depth",
					"redis.outage.failures", "redis.outage.bypassed", "redis.outage.active", "redis.retry.attempts",
					"redis.queue.schedule.fired", "redis.server.memory.used", "redis.server.memory.max",
					"redis.server.clients.connected", "redis.server.commands.processed", "redis.server.keyspace.hits",
					"redis.server.keys.evicted", "redis.server.keys", "redis.server.samples");
			assertThat(scrape).contains("redis_outage_bypassed_total{feature=\"rate-limit\"")
				.contains("redis_outage_active{feature=\"session\"");
			assertThat(scrape).contains("redis_session_creations_total").doesNotContain("redis_session_total");
			assertThat(context.getBean(MeterRegistry.class)).isSameAs(registry);
		});
	}

	@Test
	void theDashboardQueriesOnlyMetersAndTagsTheLibraryRegisters() throws IOException {
		Path dashboard = Path.of("..", "dashboards", "redis-utils.json");
		JsonNode root = JsonMapper.builder().build().readTree(Files.readString(dashboard));
		List<JsonNode> targets = root.findValues("targets")
			.stream()
			.flatMap((list) -> list.valueStream())
			.filter((target) -> target.has("expr"))
			.toList();
		assertThat(targets).as("queries of the dashboard").isNotEmpty();
		this.contextRunner.run((context) -> {
			Map<String, Set<String>> exposed = labelsBySeries(useEveryFeatureAndScrape(context));
			for (JsonNode target : targets) {
				String expr = target.get("expr").asString();
				List<String> series = matches(SERIES, expr, 0);
				assertThat(series).as(expr).isNotEmpty();
				assertThat(exposed.keySet()).as("series the library exposes, queried by " + expr).containsAll(series);
				Set<String> labels = new TreeSet<>();
				matches(GROUPING, expr, 1).forEach((list) -> labels.addAll(List.of(list.split("\\s*,\\s*"))));
				matches(MATCHER, expr, 1).forEach(labels::add);
				JsonNode legend = target.get("legendFormat");
				if (legend != null) {
					labels.addAll(matches(LEGEND, legend.asString(), 1));
				}
				labels.remove("application");
				for (String label : labels) {
					assertThat(series).as("a series with the tag '" + label + "' in " + expr)
						.anyMatch((name) -> exposed.get(name).contains(label));
				}
			}
		});
	}

	private static Map<String, Set<String>> labelsBySeries(String scrape) {
		Map<String, Set<String>> labels = new TreeMap<>();
		scrape.lines().filter((line) -> !line.startsWith("#")).forEach((line) -> {
			Matcher series = SERIES.matcher(line);
			if (series.lookingAt()) {
				Set<String> names = labels.computeIfAbsent(series.group(), (name) -> new TreeSet<>());
				int open = line.indexOf('{');
				if (open > 0) {
					names.addAll(matches(SCRAPED_LABEL, line.substring(open, line.indexOf('}') + 1), 1));
				}
			}
		});
		return labels;
	}

	private static List<String> matches(Pattern pattern, String text, int group) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(group));
		}
		return found;
	}

	/**
	 * Use every feature once, so that each registers its meters, and return the scrape.
	 */
	private static String useEveryFeatureAndScrape(AssertableApplicationContext context) {
		context.getBean(CacheManager.class).getCache("products").put("p1", "v");
		context.getBean(CacheManager.class).getCache("products").get("p1", String.class);
		context.getBean(DistributedLocks.class).tryAcquire("l1", Duration.ZERO).ifPresent((h) -> h.release());
		context.getBean(RateLimiterRegistry.class).find("api").orElseThrow().tryAcquire("k");
		SessionStore sessions = context.getBean(SessionStore.class);
		sessions.destroy(sessions.create("u1").id());
		TokenBlacklist blacklist = context.getBean(TokenBlacklist.class);
		blacklist.revoke("t1", Instant.now().plusSeconds(60));
		blacklist.isRevoked("t1");
		context.getBean(RedisPubSub.class).publish("news", "hello");
		context.getBean(JobHandlers.class).register("send", String.class, (payload, job) -> {
		});
		context.getBean(JobQueues.class).queue("mail").enqueue("send", "x");
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		Awaitility.await("a worker handles the job")
			.atMost(Duration.ofSeconds(10))
			.until(() -> meters.find("redis.queue.jobs").counters().stream().anyMatch((c) -> c.count() > 0));
		PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
		// What Spring Boot's metrics support does with MeterBinder beans.
		context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
		// One sample of the server: its nodes' meters appear with it.
		assertThat(context.getBean(RedisServerMetrics.class).sample()).isTrue();
		return registry.scrape();
	}

}

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
package io.github.redisutils.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.redisutils.cache.CacheStore;
import io.github.redisutils.lock.DistributedLocks;
import io.github.redisutils.lock.LockHandle;
import io.github.redisutils.queue.JobOptions;
import io.github.redisutils.queue.JobQueue;
import io.github.redisutils.queue.JobQueues;
import io.github.redisutils.ratelimit.RateLimiterRegistry;
import io.github.redisutils.session.SessionStore;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code redisutils} endpoint over HTTP against a real Redis: each section's JSON,
 * the write operations and their effect in Redis, and exposure and security defaults.
 *
 * @author redis-utils authors
 */
class RedisUtilsEndpointWebTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] SETTINGS = { "server.port=0", "spring.main.banner-mode=off",
			"spring.data.redis.timeout=1s", "redis.rate-limit.policies.api.limit=5",
			"redis.rate-limit.policies.api.window=1m", "redis.cache.caches.books.time-to-live=10m",
			"redis.session.active-count-refresh=100ms", "redis.queue.queues.mails.max-attempts=1",
			"redis.token-blacklist.local-cache.enabled=true" };

	private static DedicatedRedis redis;

	private static ConfigurableApplicationContext context;

	private static String base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void start() {
		redis = RedisServers.dedicated();
		context = new SpringApplicationBuilder(RedisUtilsEndpointTestApplication.class)
			.properties(redis.springProperties())
			.properties(SETTINGS)
			.properties("management.endpoints.web.exposure.include=health,redisutils")
			.run();
		base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		redis.close();
	}

	@Test
	void theSummaryHasASectionPerFeature() throws Exception {
		JsonNode summary = json(get("/actuator/redisutils"), 200);
		assertThat(summary.propertyNames()).containsExactlyInAnyOrder("cache", "lock", "rate-limit", "session",
				"token-blacklist", "pubsub", "queue", "server");
		assertThat(summary.get("queue").get("mails").get("dead").isNumber()).isTrue();
		assertThat(summary.get("rate-limit").get("policies").get("api").get("limit").asLong()).isEqualTo(5);
		assertThat(summary.get("token-blacklist").get("localCache").get("enabled").asBoolean()).isTrue();
		assertThat(summary.get("pubsub").has("subscribed")).isTrue();
	}

	@Test
	void theServerSectionShowsTheLastSampleOfEachNode() throws Exception {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> json(get("/actuator/redisutils/server"), 200).get("sampledNodes").asInt() > 0);
		JsonNode server = json(get("/actuator/redisutils/server"), 200);
		JsonNode node = server.get("nodes").get(0);
		assertThat(node.get("node").asString()).isEqualTo("127.0.0.1:" + redis.port());
		assertThat(node.get("role").asString()).isEqualTo("master");
		assertThat(node.get("version").asString()).matches("\\d+\\.\\d+.*");
		assertThat(node.get("usedMemory").asLong()).isPositive();
		assertThat(node.get("connectedClients").asLong()).isPositive();
		assertThat(node.get("commandsProcessed").asLong()).isPositive();
		assertThat(node.has("maxMemoryPolicy")).isTrue();
		assertThat(json(get("/actuator/redisutils"), 200).get("server").get("nodes").size()).isEqualTo(1);
	}

	@Test
	void theLockSectionListsTheLocksHeldHereAndAForceReleaseFreesOne() throws Exception {
		DistributedLocks locks = context.getBean(DistributedLocks.class);
		LockHandle handle = locks.tryAcquire("nightly-report", Duration.ZERO).orElseThrow();
		try {
			JsonNode lock = json(get("/actuator/redisutils/lock"), 200);
			assertThat(lock.get("held").asInt()).isEqualTo(1);
			JsonNode held = lock.get("locks").get("items").get(0);
			assertThat(held.get("name").asString()).isEqualTo("nightly-report");
			assertThat(held.get("fencingToken").asLong()).isEqualTo(handle.fencingToken());
			assertThat(held.get("watchdog").asBoolean()).isTrue();
			assertThat(held.get("remainingLease").asString()).endsWith("ms");
			assertThat(lock.get("watchdog").get("state").asString()).isIn("running", "idle");

			JsonNode released = json(send("DELETE", "/actuator/redisutils/lock/nightly-report", null), 200);
			assertThat(released.get("released").asBoolean()).isTrue();
			assertThat(lockKeys()).isEmpty();
			// Another instance may take it now.
			assertThat(locks.tryAcquire("nightly-report", Duration.ZERO)).isPresent().get().satisfies((again) -> {
				assertThat(again.fencingToken()).isGreaterThan(handle.fencingToken());
				again.release();
			});
			JsonNode twice = json(send("DELETE", "/actuator/redisutils/lock/nightly-report", null), 200);
			assertThat(twice.get("released").asBoolean()).isFalse();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("redis.endpoint.operations")
				.tag("operation", "force-release")
				.tag("outcome", "done")
				.counter()
				.count()).isEqualTo(1);
		}
		finally {
			if (handle.isHeld()) {
				handle.release();
			}
		}
	}

	@Test
	void theQueueSectionPagesDeadJobsAndRetriesThem() throws Exception {
		JobQueue mails = context.getBean(JobQueues.class).queue("mails");
		String first = mails.enqueue("send-mail", "a@example.org", JobOptions.defaults().withMaxAttempts(1));
		mails.enqueue("send-mail", "b@example.org", JobOptions.defaults().withMaxAttempts(1));
		mails.enqueue("send-mail", "c@example.org", JobOptions.defaults().withMaxAttempts(1));
		await().atMost(20, TimeUnit.SECONDS).until(() -> mails.sizes().dead() == 3);

		JsonNode queue = json(get("/actuator/redisutils/queue?name=mails&size=2"), 200).get("mails");
		assertThat(queue.get("dead").asLong()).isEqualTo(3);
		JsonNode dead = queue.get("deadJobs");
		assertThat(dead.get("total").asLong()).isEqualTo(3);
		assertThat(dead.get("items")).hasSize(2);
		assertThat(dead.get("items").get(0).get("id").asString()).isNotEmpty();
		assertThat(dead.get("items").get(0).get("lastError").asString()).contains("mail server refused");
		assertThat(json(get("/actuator/redisutils/queue?name=mails&size=2&page=1"), 200).get("mails")
			.get("deadJobs")
			.get("items")).hasSize(1);

		// The handler still fails, so retried jobs die again; what matters is that they
		// were moved.
		JsonNode one = json(send("POST", "/actuator/redisutils/queue/mails", "{\"id\":\"" + first + "\"}"), 200);
		assertThat(one.get("retried").asLong()).isEqualTo(1);
		assertThat(mails.find(first).orElseThrow().attempt()).isLessThanOrEqualTo(1);
		await().atMost(20, TimeUnit.SECONDS).until(() -> mails.sizes().dead() == 3);
		JsonNode some = json(send("POST", "/actuator/redisutils/queue/mails", "{\"limit\":2}"), 200);
		assertThat(some.get("retried").asLong()).isEqualTo(2);
		await().atMost(20, TimeUnit.SECONDS).until(() -> mails.sizes().dead() == 3);
		assertThat(send("POST", "/actuator/redisutils/queue/mails", "{\"limit\":0}").statusCode()).isEqualTo(400);
	}

	@Test
	void theRateLimitSectionLooksUpABlockAndADeleteLiftsIt() throws Exception {
		RateLimiterRegistry registry = context.getBean(RateLimiterRegistry.class);
		registry.block("ip:203.0.113.9", Duration.ofMinutes(5));
		JsonNode key = json(get("/actuator/redisutils/rate-limit?name=ip:203.0.113.9"), 200).get("key");
		assertThat(key.get("blocked").asBoolean()).isTrue();
		assertThat(key.get("blockRemaining").asString()).endsWith("ms");

		JsonNode unblocked = json(send("DELETE", "/actuator/redisutils/rate-limit/ip:203.0.113.9", null), 200);
		assertThat(unblocked.get("unblocked").asBoolean()).isTrue();
		assertThat(registry.blockRemaining("ip:203.0.113.9")).isEmpty();

		for (int i = 0; i < 5; i++) {
			registry.limiter("api").tryAcquire("user:7");
		}
		assertThat(registry.limiter("api").tryAcquire("user:7").allowed()).isFalse();
		json(send("DELETE", "/actuator/redisutils/rate-limit/user:7?policy=api", null), 200);
		assertThat(registry.limiter("api").tryAcquire("user:7").allowed()).isTrue();
		assertThat(send("DELETE", "/actuator/redisutils/rate-limit/user:7?policy=nope", null).statusCode())
			.isEqualTo(400);
	}

	@Test
	void theCacheSectionShowsSettingsAndStatistics() throws Exception {
		CacheManager cacheManager = context.getBean(CacheManager.class);
		cacheManager.getCache("books").put("isbn-1", "Dune");
		cacheManager.getCache("books").get("isbn-1");
		cacheManager.getCache("books").get("isbn-2");
		context.getBean(CacheStore.class);
		JsonNode cache = json(get("/actuator/redisutils/cache?name=books"), 200);
		JsonNode books = cache.get("caches").get("items").get(0);
		assertThat(books.get("name").asString()).isEqualTo("books");
		assertThat(books.get("settings").get("timeToLive").asString()).isEqualTo("PT10M");
		assertThat(books.get("statistics").get("hits").asLong()).isEqualTo(1);
		assertThat(books.get("statistics").get("misses").asLong()).isEqualTo(1);
		assertThat(books.get("statistics").get("puts").asLong()).isEqualTo(1);
		assertThat(cache.get("bypassingRedis").asBoolean()).isFalse();
	}

	@Test
	void theSessionPubSubAndBlacklistSectionsShowTheirState() throws Exception {
		SessionStore sessions = context.getBean(SessionStore.class);
		sessions.create("alice");
		sessions.create("alice");
		sessions.create("bruno");
		await().atMost(10, TimeUnit.SECONDS).until(() -> {
			JsonNode section = json(get("/actuator/redisutils/session"), 200);
			return section.get("activeSessions").asLong() >= 3 && section.get("onlineUsers").asLong() >= 2;
		});
		JsonNode pubsub = json(get("/actuator/redisutils/pubsub"), 200);
		assertThat(pubsub.has("listeners")).isTrue();
		assertThat(pubsub.get("reliable").isArray()).isTrue();
		JsonNode blacklist = json(get("/actuator/redisutils/token-blacklist"), 200);
		assertThat(blacklist.get("onFailure").asString()).isNotEmpty();
		assertThat(blacklist.get("localCache").has("subscribed")).isTrue();
		assertThat(blacklist.get("localCache").has("size")).isTrue();
	}

	@Test
	void badRequestsAreRefusedAndUnknownSectionsAreNotFound() throws Exception {
		assertThat(get("/actuator/redisutils/lock?size=101").statusCode()).isEqualTo(400);
		assertThat(get("/actuator/redisutils/lock?page=-1").statusCode()).isEqualTo(400);
		assertThat(get("/actuator/redisutils/nope").statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "/actuator/redisutils/queue/mails", null).statusCode()).isEqualTo(400);
		assertThat(send("POST", "/actuator/redisutils/lock/x", "{}").statusCode()).isEqualTo(400);
	}

	@Test
	void theEndpointIsNotExposedOverHttpByDefault() throws Exception {
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(
				RedisUtilsEndpointTestApplication.class)
			.properties(redis.springProperties())
			.properties(SETTINGS)
			.run()) {
			String otherBase = "http://127.0.0.1:" + other.getEnvironment().getProperty("local.server.port");
			assertThat(other.getBeansOfType(RedisUtilsEndpoint.class)).isEmpty();
			assertThat(request("GET", otherBase + "/actuator/redisutils", null).statusCode()).isEqualTo(404);
			assertThat(request("GET", otherBase + "/actuator/health", null).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void withSpringSecurityReadsAndWritesNeedAnAuthenticatedUser() throws Exception {
		try (ConfigurableApplicationContext secured = new SpringApplicationBuilder(
				RedisUtilsEndpointTestApplication.SecuredApplication.class)
			.properties(redis.springProperties())
			.properties(SETTINGS)
			.properties("management.endpoints.web.exposure.include=redisutils")
			.run()) {
			String securedBase = "http://127.0.0.1:" + secured.getEnvironment().getProperty("local.server.port");
			assertThat(request("GET", securedBase + "/actuator/redisutils", null).statusCode()).isEqualTo(401);
			assertThat(request("DELETE", securedBase + "/actuator/redisutils/lock/x", null).statusCode())
				.isEqualTo(401);
		}
	}

	private java.util.Set<String> lockKeys() {
		StringRedisTemplate template = new StringRedisTemplate(
				context.getBean(org.springframework.data.redis.connection.RedisConnectionFactory.class));
		return template.keys("*lock*nightly-report}");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send("GET", path, null);
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		return request(method, base + path, body);
	}

	private HttpResponse<String> request(String method, String url, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

}

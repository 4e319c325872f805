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
package io.github.redisutils.session.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.redisutils.autoconfigure.RedisUtilsAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsHttpSessionAutoConfiguration;
import io.github.redisutils.autoconfigure.RedisUtilsSessionAutoConfiguration;
import io.github.redisutils.test.DedicatedRedis;
import io.github.redisutils.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisIndexedHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HttpSession repository side by side with Spring Session's Redis module
 * ({@link RedisIndexedSessionRepository}, the one with a principal index, set up the way
 * its documentation does with {@code @EnableRedisIndexedHttpSession}) on the same server:
 * keys and bytes per session, commands per request, and what is left in Redis after every
 * session expired on Cluster. Both hold the same attributes: Spring Security's context of
 * a logged-in user, a theme and a small list (JDK serialization for theirs, their
 * default; JSON for ours).
 *
 * @author redis-utils authors
 */
class SpringSessionRedisComparisonTests {

	private static final int SESSIONS = 200;

	private static final int REQUESTS = 10;

	private final String prefix = "cmp-" + UUID.randomUUID().toString().substring(0, 8);

	private WebApplicationContextRunner ours(String[] redis, String... properties) {
		return new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisUtilsAutoConfiguration.class,
							RedisUtilsSessionAutoConfiguration.class, RedisUtilsHttpSessionAutoConfiguration.class))
			.withPropertyValues(redis)
			.withPropertyValues("redis.key-prefix=" + this.prefix, "redis.session.http.enabled=true")
			.withPropertyValues(properties);
	}

	private WebApplicationContextRunner theirs(String[] redis) {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withUserConfiguration(SpringSessionRedis.class)
			.withPropertyValues(redis);
	}

	@Test
	void keysBytesAndCommandsPerSessionAgainstSpringSessionsRedisModule() {
		try (DedicatedRedis redis = RedisServers.dedicated()) {
			Figures ours = new Figures();
			Figures theirs = new Figures();
			RedisClient client = RedisClient.create(redis.url());
			try (StatefulRedisConnection<String, String> memory = client.connect()) {
				ours(redis.springProperties()).run((context) -> measure(context, "ours", ours, memory.sync()));
				redis.flushAll();
				theirs(redis.springProperties()).run((context) -> measure(context, "theirs", theirs, memory.sync()));
			}
			finally {
				client.shutdown();
			}
			System.out.printf(Locale.ROOT,
					"HTTPSESSION per session: keys %.2f vs %.2f, bytes %.0f vs %.0f (%.2fx); per request changing nothing:"
							+ " commands %.2f vs %.2f, writes %.2f vs %.2f; login, server commands (with those scripts run): %.2f vs %.2f%n",
					ours.keys, theirs.keys, ours.bytes, theirs.bytes, ours.bytes / theirs.bytes, ours.commands,
					theirs.commands, ours.writes, theirs.writes, ours.createCommands, theirs.createCommands);
			// Memory is on a par (ours includes the online-users sets); a request that
			// changes nothing costs the two reads of Spring Session's filter and writes
			// nothing, where theirs writes its last access and expiry bookkeeping.
			assertThat(ours.keys).isLessThan(theirs.keys + 0.1);
			assertThat(ours.bytes).isLessThan(theirs.bytes * 1.1);
			assertThat(ours.commands).isEqualTo(2.0);
			assertThat(ours.writes).isZero();
		}
	}

	private void measure(AssertableWebApplicationContext context, String which, Figures figures,
			RedisCommands<String, String> memory) {
		assertThat(context).hasNotFailed();
		@SuppressWarnings("unchecked")
		FindByIndexNameSessionRepository<Session> repository = context.getBean(FindByIndexNameSessionRepository.class);
		StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
		List<String> ids = new ArrayList<>();
		resetStats(redis);
		for (int i = 0; i < SESSIONS; i++) {
			ids.add(createLoggedIn(repository, "user-" + i));
		}
		figures.createCommands = (double) totalCalls(redis) / SESSIONS;
		Set<String> keys = redis.keys("*");
		assertThat(keys).isNotEmpty();
		figures.keys = (double) keys.size() / SESSIONS;
		long bytes = 0;
		java.util.Map<String, long[]> byKind = new java.util.TreeMap<>();
		for (String key : keys) {
			// SAMPLES 0: every field counted, not estimated from a sample.
			Long usage = memory.dispatch(CommandType.MEMORY, new IntegerOutput<>(StringCodec.UTF8),
					new CommandArgs<>(StringCodec.UTF8).add("USAGE").addKey(key).add("SAMPLES").add(0));
			bytes += (usage != null) ? usage : 0;
			long[] kind = byKind.computeIfAbsent(key.replaceAll("[A-Za-z0-9_-]{16,}|user-\\d+", "*"),
					(k) -> new long[2]);
			kind[0]++;
			kind[1] += (usage != null) ? usage : 0;
		}
		byKind.forEach((kind, figures2) -> System.out
			.println("HTTPSESSION " + which + " " + kind + ": " + figures2[0] + " keys, " + figures2[1] + " bytes"));
		figures.bytes = (double) bytes / SESSIONS;
		resetStats(redis);
		for (int r = 0; r < REQUESTS; r++) {
			for (String id : ids.subList(0, 20)) {
				request(repository, id,
						(session) -> assertThat(session.<Object>getAttribute("theme")).isEqualTo("dark"));
			}
		}
		String stats = commandStats(redis);
		System.out.println("HTTPSESSION " + which + " commands for " + REQUESTS * 20 + " requests: " + stats);
		figures.commands = (double) totalCalls(redis) / (REQUESTS * 20);
		figures.writes = (double) writeCalls(stats) / (REQUESTS * 20);
	}

	/**
	 * What Spring Session's filter does for a request: read, mark the access, save, and
	 * read again to decide about the cookie.
	 */
	private static void request(FindByIndexNameSessionRepository<Session> repository, String id,
			Consumer<Session> work) {
		Session session = repository.findById(id);
		assertThat(session).isNotNull();
		session.setLastAccessedTime(Instant.now());
		work.accept(session);
		repository.save(session);
		assertThat(repository.findById(session.getId())).isNotNull();
	}

	private static String createLoggedIn(FindByIndexNameSessionRepository<Session> repository, String user) {
		Session session = repository.createSession();
		session.setAttribute("SPRING_SECURITY_CONTEXT", new SecurityContextImpl(UsernamePasswordAuthenticationToken
			.authenticated(user, null, List.of(new SimpleGrantedAuthority("ROLE_USER")))));
		session.setAttribute("theme", "dark");
		session.setAttribute("recent", new ArrayList<>(List.of("a", "b", "c")));
		repository.save(session);
		return session.getId();
	}

	@Test
	void afterEverySessionExpiredOnClusterNothingIsLeftWithoutAnExpiry() throws Exception {
		String[] cluster = RedisServers.cluster().springProperties();
		int users = 30;
		List<String> ours = new ArrayList<>();
		List<String> theirs = new ArrayList<>();
		ours(cluster, "redis.session.idle-timeout=2m", "redis.session.absolute-lifetime=5m").run((context) -> {
			expireAll(context, users);
			ours.addAll(leftovers(context, this.prefix + ":*"));
		});
		theirs(cluster).run((context) -> {
			expireAll(context, users);
			theirs.addAll(leftovers(context, SpringSessionRedis.NAMESPACE + ":*"));
		});
		System.out.println("HTTPSESSION left after expiry on Cluster, ours (" + ours.size() + "): " + summary(ours));
		System.out
			.println("HTTPSESSION left after expiry on Cluster, theirs (" + theirs.size() + "): " + summary(theirs));
		// What remains of ours is one slot token per user, which expires with the
		// absolute lifetime (plus a minute), and the online users' versions, kept a
		// minute; never a key without an expiry.
		assertThat(ours).allSatisfy((left) -> assertThat(left).doesNotEndWith("ttl=-1")
			.containsAnyOf(":session:user:", ":session:{presence}:online-versions"));
		assertThat(ours).hasSizeLessThanOrEqualTo(users + 1);
	}

	private static void expireAll(AssertableWebApplicationContext context, int users) throws InterruptedException {
		assertThat(context).hasNotFailed();
		@SuppressWarnings("unchecked")
		FindByIndexNameSessionRepository<Session> repository = context.getBean(FindByIndexNameSessionRepository.class);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			Session session = repository.createSession();
			session.setMaxInactiveInterval(Duration.ofSeconds(2));
			session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "user-" + i);
			repository.save(session);
			ids.add(session.getId());
		}
		assertThat(repository.findByPrincipalName("user-0")).hasSize(1);
		Thread.sleep(4000);
		for (String id : ids) {
			assertThat(repository.findById(id)).isNull();
		}
	}

	private static List<String> leftovers(AssertableWebApplicationContext context, String pattern) {
		StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
		List<String> left = new ArrayList<>();
		for (String key : redis.keys(pattern)) {
			Long ttl = redis.getExpire(key);
			left.add(key + " ttl=" + ttl);
		}
		return left;
	}

	private static String summary(List<String> left) {
		long withoutExpiry = left.stream().filter((key) -> key.endsWith("ttl=-1")).count();
		return withoutExpiry + " without an expiry, e.g. " + left.stream().limit(3).toList();
	}

	private static void resetStats(StringRedisTemplate redis) {
		redis.execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().resetConfigStats();
			return null;
		});
	}

	private static String commandStats(StringRedisTemplate redis) {
		return redis.execute((RedisCallback<String>) (connection) -> String
			.valueOf(connection.serverCommands().info("commandstats")));
	}

	private static long totalCalls(StringRedisTemplate redis) {
		Matcher matcher = Pattern.compile("cmdstat_([a-z|_-]+)=calls=(\\d+),").matcher(commandStats(redis));
		long total = 0;
		while (matcher.find()) {
			if (!matcher.group(1).startsWith("config") && !matcher.group(1).equals("info")) {
				total += Long.parseLong(matcher.group(2));
			}
		}
		return total;
	}

	/** Writes, and scripts, which write in both repositories. */
	private static long writeCalls(String stats) {
		Matcher matcher = Pattern.compile("cmdstat_([a-z|_-]+)=calls=(\\d+),").matcher(stats);
		Set<String> writes = Set.of("hset", "hmset", "hdel", "set", "del", "expire", "pexpire", "pexpireat", "expireat",
				"sadd", "srem", "zadd", "zrem", "append", "evalsha", "eval", "rename", "persist");
		long total = 0;
		while (matcher.find()) {
			if (writes.contains(matcher.group(1))) {
				total += Long.parseLong(matcher.group(2));
			}
		}
		return total;
	}

	private static final class Figures {

		double keys;

		double bytes;

		double commands;

		double writes;

		double createCommands;

	}

	@Configuration(proxyBeanMethods = false)
	@EnableRedisIndexedHttpSession(redisNamespace = SpringSessionRedis.NAMESPACE)
	static class SpringSessionRedis {

		static final String NAMESPACE = "spring:session:cmp";

	}

}

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

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindingPostProcessor;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binds one {@code @ConfigurationProperties} class from {@code key=value} pairs as
 * start-up does (Boot's binder, the class's own {@code Validator}), in a context that
 * holds nothing else, and reports a failed start-up the way Spring Boot's "APPLICATION
 * FAILED TO START" report does. The one property binder of the {@code *PropertiesTests}.
 *
 * @author redis-utils authors
 */
final class PropertiesBinding {

	private static final String PROPERTY = "Property: ";

	private static final String REASON = "Reason: ";

	private PropertiesBinding() {
	}

	/**
	 * Bind a properties class, failing the test with Boot's report if start-up fails.
	 * @param <T> the properties type
	 * @param type the properties class, annotated with {@code @ConfigurationProperties}
	 * @param properties {@code key=value} pairs, keys in any form Boot accepts
	 * @return the bound and validated properties
	 */
	static <T> T bind(Class<T> type, String... properties) {
		AtomicReference<T> bound = new AtomicReference<>();
		runner(type, properties).run((context) -> {
			if (context.getStartupFailure() != null) {
				throw new AssertionError(
						"Binding " + type.getSimpleName() + " failed:\n" + report(context.getStartupFailure()),
						context.getStartupFailure());
			}
			bound.set(context.getBean(type));
		});
		return bound.get();
	}

	/**
	 * Bind a properties class that must fail start-up, and return the report Spring Boot
	 * prints for the failure: its description and, where there is one, its action.
	 * @param type the properties class, annotated with {@code @ConfigurationProperties}
	 * @param properties {@code key=value} pairs
	 * @return the failure report, {@code "Description:\n\n...\n\nAction:\n\n..."}
	 */
	static String startUpFailure(Class<?> type, String... properties) {
		AtomicReference<String> report = new AtomicReference<>();
		runner(type, properties).run((context) -> {
			assertThat(context).as("start-up with %s", List.of(properties)).hasFailed();
			report.set(report(context.getStartupFailure()));
		});
		return report.get();
	}

	/**
	 * Assert that binding fails start-up with exactly one rejected property, reported as
	 * Boot's failure report shows it ({@code Property: <prefix>.<field>} and
	 * {@code Reason: <message>}).
	 * @param type the properties class
	 * @param property the rejected property as the report names it, e.g.
	 * {@code redis.lock.pollInterval}
	 * @param reason text the reason contains
	 * @param properties {@code key=value} pairs
	 */
	static void assertRejected(Class<?> type, String property, String reason, String... properties) {
		String report = startUpFailure(type, properties);
		List<String> lines = report.lines().map(String::strip).toList();
		assertThat(lines.stream().filter((line) -> line.startsWith(PROPERTY))).as(report)
			.containsExactly(PROPERTY + property);
		assertThat(lines.stream().filter((line) -> line.startsWith(REASON))).as(report)
			.singleElement()
			.asString()
			.contains(reason);
	}

	private static ApplicationContextRunner runner(Class<?> type, String... properties) {
		assertThat(type).hasAnnotation(ConfigurationProperties.class);
		return new ApplicationContextRunner()
			.withInitializer(
					(context) -> ConfigurationPropertiesBindingPostProcessor.register((BeanDefinitionRegistry) context))
			.withBean(type)
			.withPropertyValues(properties);
	}

	/**
	 * Analyze a start-up failure with the failure analyzers Spring Boot uses, as
	 * {@code SpringApplication} does before it prints the report.
	 */
	private static String report(Throwable failure) {
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new StandardEnvironment());
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader
			.forDefaultResourceLocation(PropertiesBinding.class.getClassLoader())
			.load(FailureAnalyzer.class, arguments, FailureHandler.logging(LogFactory.getLog(PropertiesBinding.class)));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return "Description:\n\n" + analysis.getDescription()
						+ ((analysis.getAction() != null) ? "\n\nAction:\n\n" + analysis.getAction() : "");
			}
		}
		throw new AssertionError("No failure analyzer reports the start-up failure", failure);
	}

}

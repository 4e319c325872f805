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
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reflection checks of the conventions every auto-configuration follows (DESIGN.md,
 * section 2).
 *
 * @author redis-utils authors
 */
class AutoConfigurationConventionsTests {

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	@Test
	void everyAutoConfigurationIsListedAndAnnotated() throws Exception {
		List<Class<?>> classes = autoConfigurations();
		assertThat(classes).isNotEmpty();
		assertThat(classes).allSatisfy((type) -> assertThat(type).hasAnnotation(AutoConfiguration.class));
	}

	@Test
	void everyBeanMethodBacksOffForTheUsersOwnBean() throws Exception {
		List<String> unconditional = new ArrayList<>();
		List<Method> beanMethods = new ArrayList<>();
		for (Class<?> type : autoConfigurations()) {
			collectBeanMethods(type, beanMethods);
		}
		for (Method method : beanMethods) {
			if (!AnnotatedElementUtils.hasAnnotation(method, ConditionalOnMissingBean.class)) {
				unconditional.add(method.getDeclaringClass().getSimpleName() + "." + method.getName());
			}
		}
		assertThat(beanMethods).isNotEmpty();
		assertThat(unconditional).as("@Bean methods without @ConditionalOnMissingBean").isEmpty();
	}

	@Test
	void innerConfigurationsDoNotProxyBeanMethods() throws Exception {
		for (Class<?> type : autoConfigurations()) {
			for (Class<?> inner : type.getDeclaredClasses()) {
				Configuration configuration = inner.getAnnotation(Configuration.class);
				if (configuration != null) {
					assertThat(configuration.proxyBeanMethods()).as(inner.getName()).isFalse();
				}
			}
		}
	}

	private static void collectBeanMethods(Class<?> type, List<Method> beanMethods) {
		for (Method method : type.getDeclaredMethods()) {
			if (method.isAnnotationPresent(Bean.class)) {
				beanMethods.add(method);
			}
		}
		for (Class<?> inner : type.getDeclaredClasses()) {
			collectBeanMethods(inner, beanMethods);
		}
	}

	private static List<Class<?>> autoConfigurations() throws IOException, ClassNotFoundException {
		List<Class<?>> classes = new ArrayList<>();
		try (InputStream input = new ClassPathResource(IMPORTS).getInputStream()) {
			for (String line : new String(input.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
				if (!line.isBlank() && !line.startsWith("#")) {
					classes.add(Class.forName(line.trim()));
				}
			}
		}
		return classes;
	}

}

package io.cobrowsebridge.security;

import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Serves Spring Security's filter chain without the Spring MVC handler lookup that Spring Security 6 wraps around it
 * when Spring MVC is present ({@code WebMvcSecurityConfiguration} registers a {@code CompositeFilterChainProxy}: a
 * filter that asks every handler mapping which handler would serve the request, then the real chain).
 *
 * <p>That lookup exists for {@code MvcRequestMatcher} and Spring MVC's CORS configuration. This service uses neither:
 * every matcher in {@link SecurityConfig} is a {@code PathPatternRequestMatcher} or an actuator
 * {@code EndpointRequest}, and no CORS is configured. The lookup was the largest single cost of a
 * {@code POST /onespan/callback} (about 13% of the request thread's CPU, BENCHMARKS.md); Spring Framework 6.2
 * deprecates it and Spring Security 7 drops it.
 *
 * <p>This puts what that wrapper wraps back under the name {@code springSecurityFilterChain} (Spring Security's other
 * wrapper, which parses the request path once for the path matchers, stays). If the wrapper is not there or not of the
 * shape expected (another Spring Security version), it leaves everything as it is.
 */
final class NoHandlerMappingLookup implements BeanFactoryPostProcessor {

    static final String FILTER_CHAIN = "springSecurityFilterChain";
    /** The wrapper that runs the lookup (Spring Security's own {@code WebSecurityConfiguration} wrapper stays). */
    static final String MVC_WRAPPER =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$CompositeFilterChainProxy";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(FILTER_CHAIN)) {
            return;
        }
        BeanDefinition wrapper = registry.getBeanDefinition(FILTER_CHAIN);
        if (!MVC_WRAPPER.equals(wrapper.getBeanClassName())) {
            return;
        }
        // its one argument: [the lookup filter, what it wraps]
        ValueHolder filters = wrapper.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
        if (filters != null && filters.getValue() instanceof List<?> list && list.size() == 2
                && list.get(1) instanceof BeanDefinition chain) {
            registry.removeBeanDefinition(FILTER_CHAIN);
            registry.registerBeanDefinition(FILTER_CHAIN, chain);
        }
    }
}

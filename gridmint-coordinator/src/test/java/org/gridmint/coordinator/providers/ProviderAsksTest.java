package org.gridmint.coordinator.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmint.api.AsksRequest;
import org.gridmint.api.Assignment;
import org.gridmint.api.CompleteRequest;
import org.gridmint.api.GpuInfo;
import org.gridmint.api.JobBill;
import org.gridmint.api.ProblemTypes;
import org.gridmint.api.ProviderView;
import org.gridmint.api.RegisterProviderRequest;
import org.gridmint.coordinator.CoordinatorException;
import org.gridmint.coordinator.InProcessNetworkTest;
import org.gridmint.coordinator.TestNetwork;
import org.gridmint.core.ids.AccountId;
import org.gridmint.core.spec.FieldError;
import org.junit.jupiter.api.Test;

/** Asks per resource class: registered with the provider, changed by its owner alone, planned with at once, and never re-priced afterwards. */
class ProviderAsksTest extends InProcessNetworkTest {
    private static final AccountId CLIENT = AccountId.of("acct-client");
    private static final AccountId MALLORY = AccountId.of("acct-mallory");

    private ProviderView registerT4Rig(Map<String, BigDecimal> asks) {
        return net.coordinator.providers().register(TestNetwork.OWNER, new RegisterProviderRequest(null, "t4-rig", 8, 16_384,
                List.of(new GpuInfo("Tesla T4", 15_360, "GPU-1")), "local", new BigDecimal("0.25"), 1, true, "test", asks));
    }

    private static Map<String, BigDecimal> asks(String... classAndPrice) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < classAndPrice.length; i += 2) m.put(classAndPrice[i], classAndPrice[i + 1] == null ? null : new BigDecimal(classAndPrice[i + 1]));
        return m;
    }

    private ProviderView change(AccountId caller, String provider, Map<String, BigDecimal> asks) {
        return net.coordinator.providers().changeAsks(caller, provider, new AsksRequest(asks));
    }

    private ProviderView view(String provider) {
        return net.coordinator.providers().list().providers().stream().filter(p -> p.id().equals(provider)).findFirst().orElseThrow();
    }

    private void complete(String provider, Assignment a, long runtimeMillis) {
        net.coordinator.work().complete(TestNetwork.OWNER, a.attemptId(), new CompleteRequest(provider, 0, List.of(), null, null, runtimeMillis));
    }

    private static List<String> fields(Throwable e) {
        return ((CoordinatorException.Invalid) e).errors().stream().map(FieldError::field).toList();
    }

    @Test
    void register_withAsks_overridesThePriceForTheClassesNamed_andTheRestAskThePrice() {
        ProviderView v = registerT4Rig(asks("cpu", "0.02"));

        assertThat(v.asks()).containsExactly(Map.entry("cpu", new BigDecimal("0.02")), Map.entry("gpu:Tesla T4", new BigDecimal("0.25")));
        assertThat(v.price()).as("the main class: its first GPU").isEqualByComparingTo("0.25");
    }

    @Test
    void register_withAClassItDoesNotHave_is400NamingIt_andRegistersNothing() {
        assertThatThrownBy(() -> registerT4Rig(asks("gpu:A100", "2", "ram", "1")))
                .isInstanceOfSatisfying(CoordinatorException.Invalid.class, e -> assertThat(fields(e)).containsExactly("asks.gpu:A100", "asks.ram"));

        assertThat(net.coordinator.providers().list().providers()).isEmpty();
    }

    @Test
    void changeAsks_byPartOfTheModelName_changesThatClassOnly() {
        String p = registerT4Rig(null).id();

        ProviderView v = change(TestNetwork.OWNER, p, asks("gpu:t4", "0.4"));

        assertThat(v.asks()).containsExactly(Map.entry("cpu", new BigDecimal("0.25")), Map.entry("gpu:Tesla T4", new BigDecimal("0.4")));
        assertThat(view(p).asks()).isEqualTo(v.asks());
        assertThat(view(p).price()).isEqualByComparingTo("0.4");
    }

    @Test
    void changeAsks_thenTheNextClaimPlansWithTheNewAsk() {
        String a = net.provider("a", "0.1", 1);
        String b = net.provider("b", "0.2", 1);
        String job = net.submit(CLIENT.value(), TestNetwork.spec(1)).id();

        change(TestNetwork.OWNER, a, asks("cpu", "0.3"));

        assertThat(net.claim(a, 1)).as("a now asks more than b").isEmpty();
        Assignment got = net.claim(b, 1).getFirst();
        net.clock.advance(Duration.ofSeconds(20));
        complete(b, got, 10_000);
        assertThat(net.coordinator.ledger().bill(CLIENT, job).tasks().getFirst().attempts().getFirst().price()).isEqualByComparingTo("0.2");
    }

    @Test
    void runningAttempt_isBilledAtTheAskAgreedWhenAssigned_notAtTheAskRaisedMeanwhile() {
        String p = net.provider("p", "0.36", 1);
        String job = net.submit(CLIENT.value(), TestNetwork.spec(2)).id();
        Assignment first = net.claim(p, 1).getFirst();

        change(TestNetwork.OWNER, p, asks("cpu", "0.72"));
        net.clock.advance(Duration.ofSeconds(20));
        complete(p, first, 10_000);
        Assignment second = net.claim(p, 1).getFirst();
        net.clock.advance(Duration.ofSeconds(20));
        complete(p, second, 10_000);

        JobBill bill = net.coordinator.ledger().bill(CLIENT, job);
        var byAttempt = new java.util.HashMap<String, JobBill.AttemptBill>();
        bill.tasks().forEach(t -> t.attempts().forEach(l -> byAttempt.put(l.attemptId(), l)));
        // 0.36/h for 10 s is 0.001; the task assigned after the change pays 0.72/h: 0.002.
        assertThat(byAttempt.get(first.attemptId()).price()).isEqualByComparingTo("0.36");
        assertThat(byAttempt.get(first.attemptId()).gross()).isEqualByComparingTo("0.001");
        assertThat(byAttempt.get(second.attemptId()).price()).isEqualByComparingTo("0.72");
        assertThat(byAttempt.get(second.attemptId()).gross()).isEqualByComparingTo("0.002");
        assertThat(bill.charged()).isEqualByComparingTo("0.003");
    }

    @Test
    void changeAsks_withBadInput_is400NamingEveryField_andChangesNothing() {
        String p = registerT4Rig(null).id();
        Map<String, BigDecimal> before = view(p).asks();

        assertThatThrownBy(() -> change(TestNetwork.OWNER, p, asks("cpu", "0.01", "disk", "1", "gpu:A100", "2", "gpu:t4", "-1")))
                .isInstanceOfSatisfying(CoordinatorException.Invalid.class,
                        e -> assertThat(fields(e)).containsExactly("asks.disk", "asks.gpu:A100", "asks.gpu:t4"));
        assertThatThrownBy(() -> change(TestNetwork.OWNER, p, asks("cpu", "0"))).hasMessageContaining("asks.cpu").hasMessageContaining("more than 0");
        assertThatThrownBy(() -> change(TestNetwork.OWNER, p, asks("cpu", "10000.000001"))).hasMessageContaining("asks.cpu").hasMessageContaining("at most 10000");
        assertThatThrownBy(() -> change(TestNetwork.OWNER, p, asks("cpu", "0.0000001"))).hasMessageContaining("asks.cpu").hasMessageContaining("6 decimals");
        assertThatThrownBy(() -> change(TestNetwork.OWNER, p, asks("cpu", null))).hasMessageContaining("asks.cpu").hasMessageContaining("is required");
        assertThatThrownBy(() -> change(TestNetwork.OWNER, p, asks("gpu:", "1"))).hasMessageContaining("asks.gpu:").hasMessageContaining("unknown resource class");
        assertThatThrownBy(() -> change(TestNetwork.OWNER, p, asks("gpu:t4", "1", "gpu:Tesla T4", "2"))).hasMessageContaining("names gpu:Tesla T4 again");
        assertThatThrownBy(() -> change(TestNetwork.OWNER, p, Map.of()))
                .isInstanceOfSatisfying(CoordinatorException.Invalid.class, e -> assertThat(fields(e)).containsExactly("asks"));
        assertThatThrownBy(() -> change(TestNetwork.OWNER, p, null)).isInstanceOf(CoordinatorException.Invalid.class);

        assertThat(view(p).asks()).isEqualTo(before);
    }

    @Test
    void changeAsks_ofAnotherAccountsProvider_isForbidden_andUnknownIsNotFound_andNothingChanges() {
        String p = net.provider("p", "0.36", 1);

        assertThatThrownBy(() -> change(MALLORY, p, asks("cpu", "0.01")))
                .isInstanceOfSatisfying(CoordinatorException.Forbidden.class, f -> assertThat(f.type()).isEqualTo(ProblemTypes.NOT_OWNER));
        assertThatThrownBy(() -> change(TestNetwork.OWNER, "prov-nobody", asks("cpu", "0.01"))).isInstanceOf(CoordinatorException.NotFound.class);
        assertThatThrownBy(() -> change(TestNetwork.OWNER, "not an id", asks("cpu", "0.01"))).isInstanceOf(CoordinatorException.NotFound.class);

        assertThat(view(p).asks()).containsExactly(Map.entry("cpu", new BigDecimal("0.36")));
    }
}

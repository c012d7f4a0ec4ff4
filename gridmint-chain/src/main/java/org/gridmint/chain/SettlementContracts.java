package org.gridmint.chain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The deployed settlement contract and its two tokens, called through one {@link ChainClient}'s key: deploy them, post
 * epoch roots (the operator), deposit and claim (anyone), and read balances, postings and deposit events. Amounts are
 * 18-decimal base units ({@link Units} converts).
 */
public final class SettlementContracts {
    static final Event DEPOSITED = new Event("Deposited", List.of(
            new TypeReference<Utf8String>() {}, new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}));
    private static final BigInteger MICRO = Units.BASE_PER_MICRO;

    private final ChainClient client;
    private final SettlementAddresses addresses;
    private final Deployment deployment;
    private final String operator;

    private SettlementContracts(ChainClient client, SettlementAddresses addresses, Deployment deployment, String operator) {
        this.client = client;
        this.addresses = addresses;
        this.deployment = deployment;
        this.operator = operator;
    }

    /** Deploys StableCredit, GridToken and Settlement from {@code operator}'s key, and makes Settlement GRID's minter. */
    public static SettlementContracts deploy(ChainClient operator, Deployment d) {
        if (d == null) throw new IllegalArgumentException("deployment is required");
        String stable = operator.deploy("StableCredit", Artifacts.bytecode("StableCredit"));
        String grid = operator.deploy("GridToken", Artifacts.bytecode("GridToken"));
        String args = FunctionEncoder.encodeConstructor(List.of(new Address(stable), new Address(grid), new Uint64(d.genesisSeconds()),
                new Uint64(d.epochSeconds()), new Uint256(d.initialEmission()), new Uint64(d.halvingEpochs())));
        String settlement = operator.deploy("Settlement", Artifacts.bytecode("Settlement") + args);
        operator.send(grid, fn("setMinter", List.of(new Address(settlement))));
        return new SettlementContracts(operator, new SettlementAddresses(settlement, stable, grid), d, operator.address());
    }

    /** The contracts behind a deployed Settlement (its tokens and parameters are read from it). */
    public static SettlementContracts at(ChainClient client, String settlementAddress) {
        String settlement = Hex.address("settlementAddress", settlementAddress);
        String code = ChainClient.rpc("eth_getCode", () -> client.web3j().ethGetCode(settlement,
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send()).getCode();
        if (code == null || code.equals("0x")) throw new IllegalArgumentException("settlementAddress " + settlement + " holds no contract on chain " + client.chainId());
        String stable = addressView(client, settlement, "stable");
        String grid = addressView(client, settlement, "grid");
        Deployment d = new Deployment(uintView(client, settlement, "genesis").longValueExact(), uintView(client, settlement, "epochSeconds").longValueExact(),
                uintView(client, settlement, "initialEmission"), uintView(client, settlement, "halvingEpochs").longValueExact());
        return new SettlementContracts(client, new SettlementAddresses(settlement, stable, grid), d, addressView(client, settlement, "operator"));
    }

    /** The same contracts, with {@code other}'s key sending. */
    public SettlementContracts as(ChainClient other) {
        return new SettlementContracts(other, addresses, deployment, operator);
    }

    public SettlementAddresses addresses() {
        return addresses;
    }

    public Deployment deployment() {
        return deployment;
    }

    /** The settlement's operator address (0x lower-case): the only key that may post epochs. */
    public String operator() {
        return operator;
    }

    /** Mints test stable credits (only StableCredit's owner, the deployer, may). */
    public TxReceipt mintStable(String to, BigInteger amount) {
        return client.send(addresses.stable(), fn("mint", List.of(new Address(Hex.address("to", to)), uint("amount", amount))));
    }

    /** A plain ERC-20 transfer of stable credits from this key: what paying one task directly on-chain would cost. */
    public TxReceipt transferStable(String to, BigInteger amount) {
        return client.send(addresses.stable(), fn("transfer", List.of(new Address(Hex.address("to", to)), uint("amount", amount))));
    }

    public BigInteger stableBalance(String who) {
        return balanceOf(addresses.stable(), Hex.address("who", who));
    }

    public BigInteger gridBalance(String who) {
        return balanceOf(addresses.grid(), Hex.address("who", who));
    }

    /** Approves (when the allowance is short) and deposits {@code amount} base units for ledger {@code account}. */
    public TxReceipt deposit(String account, BigInteger amount) {
        if (account == null || account.isEmpty() || account.getBytes(StandardCharsets.UTF_8).length > 64) {
            throw new IllegalArgumentException("account must be 1 to 64 bytes, was " + (account == null ? "null" : "'" + account + "'"));
        }
        if (amount == null || amount.signum() <= 0 || amount.mod(MICRO).signum() != 0) {
            throw new IllegalArgumentException("amount must be a positive multiple of 10^12 base units (whole micro-credits), was " + amount);
        }
        BigInteger allowance = (BigInteger) client.call(addresses.stable(), new Function("allowance",
                List.of(new Address(client.address()), new Address(addresses.settlement())), List.of(new TypeReference<Uint256>() {}))).getFirst().getValue();
        if (allowance.compareTo(amount) < 0) {
            client.send(addresses.stable(), fn("approve", List.of(new Address(addresses.settlement()), new Uint256(amount))));
        }
        return depositUnchecked(account, amount);
    }

    /** The contract's deposit without this client's checks: tests use it to show what the contract itself refuses. */
    TxReceipt depositUnchecked(String account, BigInteger amount) {
        return client.send(addresses.settlement(), fn("deposit", List.of(new Utf8String(account), new Uint256(amount))));
    }

    public TxReceipt postEpoch(long epoch, byte[] root, BigInteger credits, BigInteger tokens) {
        return client.send(addresses.settlement(), fn("postEpoch", List.of(epochArg(epoch), new Bytes32(Hex.word("root", root)),
                uint("credits", credits), uint("tokens", tokens))));
    }

    /** The posted batch of {@code epoch}, or empty when it was not posted. */
    public Optional<EpochPosting> epoch(long epoch) {
        List<Type> out = client.call(addresses.settlement(), new Function("epochs", List.of(epochArg(epoch)),
                List.of(new TypeReference<Bytes32>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {})));
        byte[] root = (byte[]) out.get(0).getValue();
        if (Arrays.equals(root, new byte[32])) return Optional.empty();
        return Optional.of(new EpochPosting(epoch, root, (BigInteger) out.get(1).getValue(), (BigInteger) out.get(2).getValue()));
    }

    public boolean isClaimed(long epoch, String account) {
        return (Boolean) client.call(addresses.settlement(), new Function("isClaimed", List.of(epochArg(epoch), new Address(Hex.address("account", account))),
                List.of(new TypeReference<Bool>() {}))).getFirst().getValue();
    }

    /** Claims {@code account}'s leaf of {@code epoch}; the funds go to {@code account} whoever sends it. */
    public TxReceipt claim(long epoch, String account, BigInteger credits, BigInteger tokens, List<byte[]> proof) {
        if (proof == null) throw new IllegalArgumentException("proof is required (empty for a one-leaf epoch)");
        List<Bytes32> siblings = new ArrayList<>();
        for (byte[] p : proof) siblings.add(new Bytes32(Hex.word("proof element", p)));
        return client.send(addresses.settlement(), fn("claim", List.of(epochArg(epoch), new Address(Hex.address("account", account)),
                uint("credits", credits), uint("tokens", tokens), new DynamicArray<>(Bytes32.class, siblings))));
    }

    /** The Deposited events in blocks {@code fromBlock..toBlock} (inclusive), in chain order. */
    public List<DepositEvent> deposits(long fromBlock, long toBlock) {
        if (fromBlock < 0 || toBlock < fromBlock) throw new IllegalArgumentException("block range " + fromBlock + ".." + toBlock + " is empty or negative");
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), addresses.settlement());
        filter.addSingleTopic(EventEncoder.encode(DEPOSITED));
        EthLog logs = ChainClient.rpc("eth_getLogs Deposited", () -> client.web3j().ethGetLogs(filter).send());
        List<DepositEvent> events = new ArrayList<>();
        for (EthLog.LogResult<?> result : logs.getLogs()) {
            Log log = (Log) result.get();
            if (log.isRemoved()) continue;
            List<Type> data = FunctionReturnDecoder.decode(log.getData(), DEPOSITED.getNonIndexedParameters());
            String from = "0x" + log.getTopics().get(1).substring(26).toLowerCase(Locale.ROOT);
            events.add(new DepositEvent(log.getTransactionHash(), log.getLogIndex().longValueExact(), log.getBlockNumber().longValueExact(),
                    log.getBlockHash(), (String) data.get(0).getValue(), from, (BigInteger) data.get(1).getValue()));
        }
        events.sort((a, b) -> a.blockNumber() != b.blockNumber() ? Long.compare(a.blockNumber(), b.blockNumber()) : Long.compare(a.logIndex(), b.logIndex()));
        return events;
    }

    /** Credits posted but not yet claimed, in base units. */
    public BigInteger outstanding() {
        return uintView(client, addresses.settlement(), "outstanding");
    }

    /** What {@code epoch}'s claims may still draw, {credits, tokens} in base units: package-private, for the contract's tests. */
    BigInteger[] unclaimed(long epoch) {
        List<Type> out = client.call(addresses.settlement(), new Function("unclaimed", List.of(epochArg(epoch)),
                List.of(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {})));
        return new BigInteger[] {(BigInteger) out.get(0).getValue(), (BigInteger) out.get(1).getValue()};
    }

    /** GRID minted so far, in base units. */
    public BigInteger minted() {
        return uintView(client, addresses.settlement(), "minted");
    }

    /** What epochs 0..{@code epoch} may mint in all, in base units. */
    public BigInteger cumulativeCap(long epoch) {
        return (BigInteger) client.call(addresses.settlement(), new Function("cumulativeCap", List.of(epochArg(epoch)),
                List.of(new TypeReference<Uint256>() {}))).getFirst().getValue();
    }

    private BigInteger balanceOf(String token, String who) {
        return (BigInteger) client.call(token, new Function("balanceOf", List.of(new Address(who)), List.of(new TypeReference<Uint256>() {})))
                .getFirst().getValue();
    }

    private static Function fn(String name, List<Type> inputs) {
        return new Function(name, inputs, List.of());
    }

    private static Uint64 epochArg(long epoch) {
        if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
        return new Uint64(epoch);
    }

    private static Uint256 uint(String field, BigInteger value) {
        if (value == null || value.signum() < 0 || value.bitLength() > 256) throw new IllegalArgumentException(field + " must be a uint256, was " + value);
        return new Uint256(value);
    }

    private static BigInteger uintView(ChainClient client, String contract, String name) {
        return (BigInteger) client.call(contract, new Function(name, List.of(), List.of(new TypeReference<Uint256>() {}))).getFirst().getValue();
    }

    private static String addressView(ChainClient client, String contract, String name) {
        return ((String) client.call(contract, new Function(name, List.of(), List.of(new TypeReference<Address>() {}))).getFirst().getValue())
                .toLowerCase(Locale.ROOT);
    }
}

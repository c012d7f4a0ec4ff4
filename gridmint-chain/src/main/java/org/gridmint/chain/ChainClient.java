package org.gridmint.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.OkHttpClient;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * One key's connection to an EVM node over HTTP JSON-RPC: signs and sends transactions with that key, waits for their
 * receipts, and reads. Close it: it owns a Web3j instance and its HTTP client's threads.
 *
 * <p>Every transaction is first estimated: a call the contract would refuse fails there with its revert reason, before
 * anything is signed or paid. Sends from one client are serialized (one nonce sequence per key and client).
 */
public final class ChainClient implements AutoCloseable {
    /** How long a sent transaction may take to be mined before the send fails (retryable). */
    static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(120);

    private final String rpcUrl;
    private final Credentials credentials;
    private final OkHttpClient http;
    private final Web3j web3j;
    private final long chainId;
    private final ReentrantLock sending = new ReentrantLock();

    private ChainClient(String rpcUrl, Credentials credentials, OkHttpClient http, Web3j web3j, long chainId) {
        this.rpcUrl = rpcUrl;
        this.credentials = credentials;
        this.http = http;
        this.web3j = web3j;
        this.chainId = chainId;
    }

    /** Connects to {@code rpcUrl} (http or https) and reads its chain id; an unreachable node is a retryable error. */
    public static ChainClient connect(String rpcUrl, String privateKeyHex) {
        if (rpcUrl == null || !rpcUrl.matches("(?i)https?://.+")) throw new IllegalArgumentException("chain rpc URL must be http(s)://…, was '" + rpcUrl + "'");
        Credentials credentials = Credentials.create(ChainKeys.normalize(privateKeyHex).substring(2));
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS).writeTimeout(60, TimeUnit.SECONDS).build();
        // Web3j.build(service) would share web3j's static scheduler, and shutting one client down would stop it for all.
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "web3j-" + rpcUrl);
            t.setDaemon(true);
            return t;
        });
        Web3j web3j = Web3j.build(new HttpService(rpcUrl, http), 1000, scheduler);
        try {
            long chainId = rpc("eth_chainId at " + rpcUrl, () -> web3j.ethChainId().send()).getChainId().longValueExact();
            return new ChainClient(rpcUrl, credentials, http, web3j, chainId);
        } catch (RuntimeException e) {
            shutdown(web3j, http);
            throw e;
        }
    }

    /** This key's address, 0x lower-case. */
    public String address() {
        return credentials.getAddress().toLowerCase(Locale.ROOT);
    }

    public long chainId() {
        return chainId;
    }

    public long blockNumber() {
        return rpc("eth_blockNumber", () -> web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
    }

    public Web3j web3j() {
        return web3j;
    }

    String rpcUrl() {
        return rpcUrl;
    }

    String privateKeyHex() {
        return Numeric.toHexStringWithPrefixZeroPadded(credentials.getEcKeyPair().getPrivateKey(), 64);
    }

    /** Calls a view function at the latest block and decodes its outputs. */
    List<Type> call(String to, Function function) {
        String data = FunctionEncoder.encode(function);
        var result = rpc("eth_call " + function.getName(), () -> web3j.ethCall(
                Transaction.createEthCallTransaction(address(), to, data), DefaultBlockParameterName.LATEST).send());
        if (result.isReverted() || result.hasError()) throw Reverts.of(function.getName(), result.getError(), result.getRevertReason());
        return FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
    }

    /** Sends {@code function} to {@code to} and waits for it to be mined; a refusal throws with the revert reason. */
    TxReceipt send(String to, Function function) {
        return toReceipt(transact(to, FunctionEncoder.encode(function), function.getName()));
    }

    /** Deploys {@code initCode} (bytecode + encoded constructor arguments) and returns the new contract's address. */
    String deploy(String what, String initCode) {
        TransactionReceipt r = transact(null, initCode, "deploy " + what);
        if (r.getContractAddress() == null) throw ChainException.failed("deploy " + what + ": the receipt has no contract address", null);
        return r.getContractAddress().toLowerCase(Locale.ROOT);
    }

    private TransactionReceipt transact(String to, String data, String what) {
        sending.lock();
        try {
            var estimate = rpc("eth_estimateGas " + what,
                    () -> web3j.ethEstimateGas(new Transaction(address(), null, null, null, to, BigInteger.ZERO, data)).send(), true);
            if (estimate.hasError()) throw Reverts.of(what, estimate.getError(), null);
            BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5)).add(BigInteger.valueOf(10_000));
            BigInteger nonce = rpc("eth_getTransactionCount", () -> web3j.ethGetTransactionCount(address(), DefaultBlockParameterName.PENDING).send())
                    .getTransactionCount();
            RawTransaction tx = feeFields(nonce, gasLimit, to, data);
            String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
            var sent = rpc("eth_sendRawTransaction " + what, () -> web3j.ethSendRawTransaction(signed).send());
            TransactionReceipt receipt = awaitReceipt(sent.getTransactionHash(), what);
            if (!receipt.isStatusOK()) throw replayedRevert(to, data, what, receipt);
            return receipt;
        } finally {
            sending.unlock();
        }
    }

    /** EIP-1559 fees where the chain has a base fee (twice it plus the tip: room for a few full blocks), legacy otherwise. */
    private RawTransaction feeFields(BigInteger nonce, BigInteger gasLimit, String to, String data) {
        EthBlock.Block latest = rpc("eth_getBlockByNumber", () -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()).getBlock();
        String target = to == null ? "" : to;
        if (latest != null && latest.getBaseFeePerGasRaw() != null) {
            BigInteger tip;
            try {
                tip = rpc("eth_maxPriorityFeePerGas", () -> web3j.ethMaxPriorityFeePerGas().send()).getMaxPriorityFeePerGas();
            } catch (ChainException e) {
                if (e.retryable()) throw e;
                tip = BigInteger.valueOf(1_000_000_000L); // a node without the method: 1 gwei, the usual default tip
            }
            BigInteger maxFee = latest.getBaseFeePerGas().shiftLeft(1).add(tip);
            return RawTransaction.createTransaction(chainId, nonce, gasLimit, target, BigInteger.ZERO, data, tip, maxFee);
        }
        BigInteger gasPrice = rpc("eth_gasPrice", () -> web3j.ethGasPrice().send()).getGasPrice();
        return RawTransaction.createTransaction(nonce, gasPrice, gasLimit, target, BigInteger.ZERO, data);
    }

    private TransactionReceipt awaitReceipt(String txHash, String what) {
        long deadline = System.nanoTime() + RECEIPT_TIMEOUT.toNanos();
        long sleepMs = 5;
        while (true) {
            var r = rpc("eth_getTransactionReceipt " + txHash, () -> web3j.ethGetTransactionReceipt(txHash).send()).getTransactionReceipt();
            if (r.isPresent()) return r.get();
            if (System.nanoTime() > deadline) {
                throw ChainException.unavailable(what + ": transaction " + txHash + " was not mined within " + RECEIPT_TIMEOUT.toSeconds() + " s", null);
            }
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ChainException.unavailable(what + ": interrupted waiting for " + txHash, e);
            }
            sleepMs = Math.min(sleepMs * 2, 500);
        }
    }

    /** A mined transaction failed: replay it as a call in its block's parent state to learn why. */
    private ChainException replayedRevert(String to, String data, String what, TransactionReceipt receipt) {
        BigInteger parent = receipt.getBlockNumber().subtract(BigInteger.ONE).max(BigInteger.ZERO);
        try {
            var replay = web3j.ethCall(new Transaction(address(), null, null, receipt.getGasUsed(), to, BigInteger.ZERO, data),
                    DefaultBlockParameter.valueOf(parent)).send();
            if (replay.isReverted() || replay.hasError()) return Reverts.of(what, replay.getError(), replay.getRevertReason());
        } catch (IOException | RuntimeException e) {
            // fall through: the reason could not be recovered, the failure itself is certain
        }
        return ChainException.reverted(what + " (tx " + receipt.getTransactionHash() + ", out of gas or state changed)", null);
    }

    private static TxReceipt toReceipt(TransactionReceipt r) {
        return new TxReceipt(r.getTransactionHash(), r.getBlockNumber().longValueExact(), r.getGasUsed());
    }

    @FunctionalInterface
    interface Rpc<T> {
        T send() throws IOException;
    }

    static <T extends Response<?>> T rpc(String what, Rpc<T> call) {
        return rpc(what, call, false);
    }

    /** One JSON-RPC round trip: an I/O failure is retryable, a node error is not (unless {@code keepError}: the caller reads it). */
    static <T extends Response<?>> T rpc(String what, Rpc<T> call, boolean keepError) {
        T response;
        try {
            response = call.send();
        } catch (IOException e) {
            throw ChainException.unavailable(what + ": the chain node did not answer (" + e.getMessage() + ")", e);
        }
        if (response.hasError() && !keepError) {
            Response.Error err = response.getError();
            if (err.getMessage() != null && err.getMessage().toLowerCase(Locale.ROOT).contains("revert")) throw Reverts.of(what, err, null);
            throw ChainException.failed(what + ": the chain node answered error " + err.getCode() + ": " + err.getMessage(), null);
        }
        return response;
    }

    /** Shuts down Web3j and its HTTP client's dispatcher and pooled connections, so no thread outlives the client. */
    @Override
    public void close() {
        shutdown(web3j, http);
    }

    private static void shutdown(Web3j web3j, OkHttpClient http) {
        web3j.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        if (http.cache() != null) {
            try {
                http.cache().close();
            } catch (IOException ignored) {
                // nothing was cached on disk by this client
            }
        }
    }
}

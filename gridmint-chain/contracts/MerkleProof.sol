// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// Merkle proof verification with sorted pairs, as OpenZeppelin's MerkleProof: a parent is keccak256 of its two children
/// in ascending order, so a proof is just the siblings. Gridmint's core MerkleTree builds the same trees.
library MerkleProof {
    function verify(bytes32[] calldata proof, bytes32 root, bytes32 leaf) internal pure returns (bool) {
        bytes32 node = leaf;
        for (uint256 i = 0; i < proof.length; i++) {
            bytes32 sibling = proof[i];
            node = node <= sibling ? _hash(node, sibling) : _hash(sibling, node);
        }
        return node == root;
    }

    function _hash(bytes32 a, bytes32 b) private pure returns (bytes32 value) {
        assembly ("memory-safe") {
            mstore(0x00, a)
            mstore(0x20, b)
            value := keccak256(0x00, 0x40)
        }
    }
}

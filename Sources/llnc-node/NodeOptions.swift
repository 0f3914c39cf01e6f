import ArgumentParser
import LLNCNode

/// Options every node command shares: where the node keeps its store and site secret.
struct NodeOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The node's working directory (holds node.sqlite and the 0600 site-secret).",
            discussion: "Default: $LLNC_NODE_DIR, else ./llnc-node-data."))
    var nodeDir: String?

    var directory: NodeDirectory { NodeDirectory.resolve(nodeDir) }
}

import Hummingbird
import NIOCore

/// The hub's request context: Hummingbird's basic one plus the client's address, which
/// decides who may read `/metrics`, and the caller the route's `AccessCheck` admitted.
public struct HubRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// Who `AccessCheck` admitted; anonymous on the site protocol's and open pages' routes.
    var caller: Caller = .anonymous

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

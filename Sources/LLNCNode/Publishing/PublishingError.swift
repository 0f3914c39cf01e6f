/// A problem with a tidy CSV given to `protect` or `attack`, naming the file and line.
public struct PublishingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public var description: String { "\(file) line \(line): \(reason)" }
}

import BatonKit

await BatonCommandLine.main(BatonSegmentCommand.self)

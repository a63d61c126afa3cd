using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Lem.Testing;

/// <summary>
/// Discovers the tests of <see cref="SharedFactAttribute"/> and <see cref="NativeFactAttribute"/>: as usual, except
/// that with <c>LEM_REQUIRE_SHARED=1</c> and a requirement missing the test becomes one failing test case whose message
/// says what is missing (before any theory data is read, which may itself need the missing data).
/// </summary>
public sealed class RequirementsFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(factAttribute);
        if (factAttribute is IReflectionAttributeInfo { Attribute: IRequirementsAttribute requirements } &&
            TestRequirements.FailureReason(requirements.NeedsShared, requirements.NativeLibraryNames) is { } failure)
        {
            return [new ExecutionErrorTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, failure)];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}

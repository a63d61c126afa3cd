namespace Lem.Cluster;

/// <summary>Orleans' request context around one grain call (docs/cluster.md): the call's message carries the values set when it is issued.</summary>
internal static class RequestValue
{
    /// <summary>Issues <paramref name="call"/> with <paramref name="key"/> = <paramref name="value"/> in the request context, then removes the value from the caller's context.</summary>
    public static TTask With<TTask>(string key, object value, Func<TTask> call)
        where TTask : Task
    {
        RequestContext.Set(key, value);
        try
        {
            return call();
        }
        finally
        {
            RequestContext.Remove(key);
        }
    }
}

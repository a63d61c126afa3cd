namespace Lem.Markets.Flexibility.Clearing;

/// <summary>One solved part of a slot's selection problem: its model, the activation variable of each candidate in it (null outside), the integer decisions, its rows and shortfall slacks, and the solution.</summary>
internal sealed record FlexSlotPart(
    OptimizationModel Model,
    Variable?[] A,
    List<Variable> Integers,
    List<(Constraint Row, FlexLimitRow? Limit, int Request)> Rows,
    List<(Variable Slack, string What, int Branch)> Slacks,
    Solution Solution);

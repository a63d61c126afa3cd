namespace Lem.Server.Uftp;

/// <summary>The simple types of the UFTP 3 schema that Lem checks attribute values against (docs/uftp.md, "Validation").</summary>
internal enum UftpValueType
{
    /// <summary>Any text (<c>xs:string</c>).</summary>
    Text,

    /// <summary><c>UUIDType</c>: 8-4-4-4-12 hexadecimal digits.</summary>
    Uuid,

    /// <summary><c>InternetDomainType</c>: lower-case labels and a top-level domain of two or more letters.</summary>
    Domain,

    /// <summary><c>SpecVersion</c>: major.minor.patch.</summary>
    Version,

    /// <summary><c>DateTimeType</c>: an ISO 8601 date and time with a UTC offset or Z.</summary>
    DateTime,

    /// <summary><c>xs:duration</c>, e.g. PT15M.</summary>
    Duration,

    /// <summary><c>PeriodType</c> (<c>xs:date</c>), e.g. 2026-03-02.</summary>
    Date,

    /// <summary><c>TimeZoneNameType</c>, e.g. Europe/Amsterdam.</summary>
    TimeZone,

    /// <summary><c>EntityAddressType</c>: an EA1 address or an EAN.</summary>
    EntityAddress,

    /// <summary><c>xs:integer</c> (Lem holds it in 64 bits).</summary>
    Integer,

    /// <summary><c>xs:positiveInteger</c>.</summary>
    PositiveInteger,

    /// <summary><c>xs:boolean</c>.</summary>
    Boolean,

    /// <summary><c>ISO4217CurrencyType</c>: three capital letters.</summary>
    Currency,

    /// <summary><c>CurrencyAmountType</c>: a decimal with at most four fraction digits.</summary>
    Amount,

    /// <summary><c>ActivationFactorType</c>: a decimal from 0.01 to 1.00 with at most two fraction digits.</summary>
    ActivationFactor,

    /// <summary><c>USEF-RoleType</c>: AGR, CRO or DSO.</summary>
    Role,

    /// <summary><c>AcceptedRejectedType</c>.</summary>
    AcceptedRejected,

    /// <summary><c>AcceptedDisputedType</c>.</summary>
    AcceptedDisputed,

    /// <summary><c>xs:base64Binary</c>.</summary>
    Base64,
}

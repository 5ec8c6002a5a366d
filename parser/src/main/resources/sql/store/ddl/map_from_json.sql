CAST(CAST("{column}" AS JSON) AS {type})
